import { analyze, stem, terms, words } from '../../src/matching/text';
import { TypoIndex } from '../../src/matching/typo-index';
import { editDistance } from '../../src/matching/edit-distance';

describe('search terms', () => {
  it.each([
    ['moving', 'move'],
    ['retiring', 'retir'],
    ['syncing', 'sync'],
    ['tiered', 'tier'],
    ['recalled', 'recall'],
    ['stopped', 'stop'],
    ['denied', 'deny'],
    ['files', 'file'],
    ['status', 'status'],
  ])('stems %s to %s', (w, s) => {
    expect(stem(w)).toBe(s);
  });

  it.each([
    ['restore', 'restored', 'restoring', 'restores'],
    ['change', 'changed', 'changing', 'changes'],
    ['configure', 'configured', 'configuring', 'configures'],
    ['retire', 'retired', 'retiring', 'retires'],
    ['share', 'shared', 'sharing', 'shares'],
    ['delete', 'deleted', 'deleting', 'deletes'],
  ])('gives every form of %s one stem', (...forms) => {
    expect(new Set(forms.map(stem)).size).toBe(1);
  });

  it('drops stop words and short numbers, keeps event ids', () => {
    expect(terms('how do I check the 9102 event in 2 minutes', false)).toEqual([
      'check',
      '9102',
      'event',
      'minut',
    ]);
  });

  it('reads a negation as a failure', () => {
    expect(terms("files aren't tiering", false)).toEqual(['file', 'fail', 'tier']);
  });

  it('expands domain abbreviations', () => {
    expect(analyze('AFS cert')).toEqual([
      { term: 'afs', expansions: ['azur', 'file', 'sync'] },
      { term: 'cert', expansions: ['certificat'] },
    ]);
  });

  it('keeps a version number or an address whole', () => {
    expect(words('agent 4.3.0.0, .NET 4.5.2 and 20.190.128.0/18. Done')).toEqual([
      'agent',
      '4.3.0.0',
      'net',
      '4.5.2',
      'and',
      '20.190.128.0',
      '18',
      'done',
    ]);
    expect(terms('needs .NET Framework 4.5.2 or later', false)).toContain('4.5.2');
  });

  it.each([
    ['is U+F03A allowed in a name', ['character', 'allow', 'name']],
    ['files with 0x7F (DEL) in the name', ['file', 'character', 'del', 'name']],
    ['can a file name hold 0x7f', ['file', 'name', 'hold', 'character']],
    ['names with \\u00a0 fail', ['name', 'character', 'fail']],
    ['block [char]0x0000008F', ['block', 'char', 'character']],
  ])('reads the code point in %j as a character', (q, want) => {
    expect(terms(q, false)).toEqual(want);
  });

  it.each([
    '0x80c8305f',
    '0x1FC07',
    '0x4c3',
    '0x00000000',
    '0x0',
    'U+2',
    // Two hex digits with nothing said of characters: as likely a Win32 error.
    'robocopy error 0x57 the parameter is incorrect',
    'files fail with error 0x20',
  ])('leaves %j, not a code point, as it is', (q) => {
    expect(terms(q, false)).not.toContain('character');
  });

  it("keeps a hyphenated server's name whole: its parts are not words of the field", () => {
    expect(words('backups on DC-BKP01 and SRV-SQL04 fail')).toEqual([
      'backups',
      'on',
      'dc-bkp01',
      'and',
      'srv-sql04',
      'fail',
    ]);
    // "dc" alone is a domain controller; inside a server's name it is not.
    expect(terms('agent on DC-BKP01')).not.toContain('domain');
    expect(terms('agent on the DC')).toContain('domain');
  });

  it('splits other hyphenated words into their parts', () => {
    expect(
      words('Invoke-StorageSyncFileRecall on a Windows-Server-2019 box with UTF-8 names'),
    ).toEqual([
      'invoke',
      'storagesyncfilerecall',
      'on',
      'a',
      'windows',
      'server',
      '2019',
      'box',
      'with',
      'utf',
      '8',
      'names',
    ]);
  });

  it('joins hyphenated prefixes', () => {
    expect(words('re-register the server')).toEqual(['reregister', 'the', 'server']);
  });
});

describe('typo lookup', () => {
  const index = new TypoIndex(['credential', 'certificate', 'registration', 'tier'], 2, (w) =>
    w.length >= 7 ? 2 : 1,
  );

  it('finds words one or two edits away, nearest first', () => {
    expect(index.near('credentail', 2)).toEqual([{ word: 'credential', distance: 1 }]);
    expect(index.near('certficat', 2)[0]).toEqual({ word: 'certificate', distance: 2 });
  });

  it('finds the same words, in the same order, when loaded from its data', () => {
    const loaded = new TypoIndex(JSON.parse(JSON.stringify(index.data())));
    for (const w of ['credentail', 'certficat', 'tire', 'registraton', 'bananas'])
      expect(loaded.near(w, 2)).toEqual(index.near(w, 2));
  });

  it('finds nothing further away', () => {
    expect(index.near('bananas', 2)).toEqual([]);
  });

  it('agrees with the edit distance, swaps counting once', () => {
    expect(editDistance('ecs_e_replica', 'ecs_e_rpelica', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
