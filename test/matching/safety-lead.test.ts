import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import { safetyObject } from '../../src/matching/safety';

const matcher = new Matcher(loadIndex());
const first = (q: string, n = 1) =>
  matcher
    .ask(q)
    .result.matches.slice(0, n)
    .map((m) => m.id);
const FAQ = 'afs-im-having-an-issue-with-azure-file-sync-on-my-server';
const GUIDE = 'afs-deprovision-or-delete-your-azure-file-sync-server';

describe('what leads the answer to a destructive question', () => {
  it('takes what the articles answer about (the server endpoint) from their titles', () => {
    const answers = loadIndex().entries.filter((e) => e.id === FAQ || e.id === GUIDE);
    expect(safetyObject(answers)).toEqual(['server', 'endpoint']);
  });

  it.each([
    'sync keeps failing, should I delete the SE and recreate it?',
    'tiering is broken, should I delete and recreate the sync group?',
    'getting 0x80c8600d, should I delete the server endpoint and add it back?',
  ])('leads %j with the FAQ and the guide that warns', (q) => {
    expect(first(q, 2)).toEqual([FAQ, GUIDE]);
  });

  it.each([
    'MARS backups keep failing, should I delete the server from the vault and re-register it?',
    'backup failed with 0x8007000E, should I reinstall the MARS agent to fix it?',
    'MARS error 34513, should I uninstall the backup agent to fix it?',
  ])('gives %j, about the backup agent, its own product first', (q) => {
    const answer = matcher.ask(q);
    expect(answer.entries[0].product).toBe('mars-agent');
    expect(answer.result.matches.map((m) => m.id)).not.toContain(FAQ);
  });

  it.each([
    [
      'registering the server says it is already registered, should I reset the registration to fix it?',
      'afs-server-already-registered',
    ],
    [
      'the azure file share was deleted and recreated, do we have to recreate the sync group to fix sync?',
      'afs-err-80c8027e',
    ],
  ])(
    'leads %j with the section for that case, which carries the warning, then the FAQ',
    (q, id) => {
      expect(first(q, 2)).toEqual([id, FAQ]);
      expect(matcher.ask(q).result.confident).toBe(true);
    },
  );
});
