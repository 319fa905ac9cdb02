import {
  articleText,
  factText,
  escapeMarkdown,
  MAX_USER_TEXT,
  stripControl,
  truncate,
  userText,
} from '../../src/cards/escape';
import { disguisedLinks, formattingIn, unescapeMarkdown } from './card-text';

describe('escapeMarkdown', () => {
  it.each(['\\', '*', '_', '`', '[', ']', '(', ')', '#', '>', '-', '+', '!', '|', '~', '<'])(
    'escapes %s',
    (c) => {
      expect(escapeMarkdown(`a${c}b`)).toBe(`a\\${c}b`);
    },
  );

  it('escapes a leading ordinal on every line, and nothing else about numbers', () => {
    expect(escapeMarkdown('1. first\n  12) second\nversion 1.5')).toBe(
      '1\\. first\n  12\\) second\nversion 1.5',
    );
  });

  it('renders every markdown construct as the literal text', () => {
    const nasty = [
      '# heading',
      '- item',
      '+ item',
      '1. item',
      '> quote',
      '**strong** and __strong__',
      '*em* and _em_',
      '`code`',
      '~~gone~~',
      '[link](https://evil.example)',
      '![img](https://evil.example/x.png)',
      '<https://evil.example>',
      '| a | b |',
      'C:\\Program Files\\[x]',
    ];
    for (const text of nasty) {
      const escaped = escapeMarkdown(text);
      // A bare URL still auto-links (userText breaks those); nothing else may format.
      expect(formattingIn(escaped).filter((t) => t !== 'link')).toEqual([]);
      expect(disguisedLinks(escaped)).toEqual([]);
      expect(unescapeMarkdown(escaped)).toBe(text);
    }
  });

  it('breaks what looks like a template expression', () => {
    expect(escapeMarkdown('${title}')).not.toContain('${');
    expect(unescapeMarkdown(escapeMarkdown('${title}'))).toBe('${title}');
  });
});

describe('userText', () => {
  it('strips control characters and bidirectional overrides', () => {
    expect(userText('a\u0000b\u0007c\u202ed\u2066e')).toBe('abcde');
  });

  it('collapses whitespace, newlines included, so no line can start a block', () => {
    expect(userText('  sync\n\n# fails\t now ')).toBe('sync \\# fails now');
  });

  it(`cuts to ${MAX_USER_TEXT} characters, ending with an ellipsis`, () => {
    const out = userText('x'.repeat(500));
    expect(Array.from(out)).toHaveLength(MAX_USER_TEXT);
    expect(out.endsWith('…')).toBe(true);
    expect(userText('x'.repeat(MAX_USER_TEXT))).toBe('x'.repeat(MAX_USER_TEXT));
  });

  it('cuts by characters, never through an emoji', () => {
    const out = userText('😀'.repeat(300));
    expect(Array.from(out)).toHaveLength(MAX_USER_TEXT);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it.each([
    ['a markdown link', '[click](https://evil.example)'],
    ['a bare URL', 'see https://evil.example/login now'],
    ['a www name', 'see www.evil.example now'],
    ['an e-mail address', 'write to admin@evil.example'],
    ['an autolink', '<https://evil.example>'],
    ['an image', '![x](https://evil.example/x.png)'],
  ])('leaves no link in %s', (_what, text) => {
    const out = userText(text);
    expect(disguisedLinks(out)).toEqual([]);
    expect(formattingIn(out)).toEqual([]);
    expect(unescapeMarkdown(out).replace(/\u200b/g, '')).toBe(text);
  });
});

describe('articleText', () => {
  it('escapes link syntax and raw HTML, nothing else', () => {
    expect(articleText('see [the fix](https://x.example) and <b>x</b>')).toBe(
      'see \\[the fix\\](https://x.example) and \\<b>x\\</b>',
    );
    expect(articleText('Use the `Test-NetConnection` cmdlet (port 443) - 1. first')).toBe(
      'Use the `Test-NetConnection` cmdlet (port 443) - 1. first',
    );
  });

  it('keeps Windows paths as they are, doubling only a backslash that would escape', () => {
    expect(articleText('C:\\Program Files\\Azure')).toBe('C:\\Program Files\\Azure');
    expect(unescapeMarkdown(articleText('C:\\[x]\\*'))).toBe('C:\\[x]\\*');
  });

  it('renders placeholders such as <azure-file-sync-endpoint> as text', () => {
    expect(
      formattingIn(articleText('Test-NetConnection -ComputerName <azure-file-sync-endpoint>')),
    ).toEqual([]);
  });
});

describe('the helpers', () => {
  it('stripControl keeps tabs and newlines', () => {
    expect(stripControl('a\tb\nc\r\n\u0001')).toBe('a\tb\nc\r\n');
  });

  it('truncate leaves short text alone and cuts long text to the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a long sentence here', 8)).toBe('a long…');
  });
});

describe('fact values', () => {
  it('leave names and paths as written: hyphens, inner underscores, backslashes before letters', () => {
    expect(factText('rg-check/sss-prod/sg_finance')).toBe('rg-check/sss-prod/sg_finance');
    expect(factText('0x80c8305f ECS_E_SYNC_FILE_IN_USE')).toBe('0x80c8305f ECS_E_SYNC_FILE_IN_USE');
    expect(factText('FS01 (D:\\data\\shares)')).toBe('FS01 (D:\\data\\shares)');
  });

  it('still cannot format, link or open a block', () => {
    expect(factText('*bold* _em_ `code`')).toBe('\\*bold\\* \\_em\\_ \\`code\\`');
    expect(factText('[x](https://evil.example)')).toBe('\\[x\\](https:\u200b//evil.example)');
    expect(factText('- item')).toBe('\\- item');
    expect(factText('1. first')).toBe('1\\. first');
    expect(factText('# title\n<b>')).toBe('\\# title \\<b>');
  });
});
