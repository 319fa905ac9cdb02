import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import { coversTitle, safetyObject } from '../../src/matching/safety';
import { productsNamed } from '../../src/matching/domain';
import { SafetyLead } from '../../src/matching/safety-lead';

const entries = loadIndex().entries;
const byId = (id: string) => entries.find((e) => e.id === id)!;
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
    const answers = entries.filter((e) => e.id === FAQ || e.id === GUIDE);
    expect(safetyObject(answers)).toEqual(['server', 'endpoint']);
  });

  it.each([
    'sync keeps failing, should I delete the SE and recreate it?',
    'tiering is broken, should I delete and recreate the sync group?',
    'getting 0x80c8600d, should I delete the server endpoint and add it back?',
  ])('leads %j with the FAQ and the guide that warns, as the answer', (q) => {
    expect(first(q, 2)).toEqual([FAQ, GUIDE]);
    expect(matcher.ask(q).result.verdict).toBe('answer');
  });

  it.each([
    'the server died and deleting its server endpoint in the portal fails, how do I get rid of it?',
    'removing the server endpoint of a decommissioned server keeps failing. how can I remove it?',
  ])('does not answer %j, whose deletion itself fails, with the FAQ', (q) => {
    // The error's own section (a deletion that fails while the server is gone) leads, with the
    // warning it carries; a confident answer may give it alone.
    const r = matcher.ask(q).result;
    expect(r.matches[0].id).toBe('afs-server-endpoint-deletejobexpired');
    expect(r.matches.map((m) => m.id).slice(0, 3)).not.toContain(FAQ);
  });

  it('answers putting permissions back with the error, not the FAQ on deleting to fix', () => {
    const q =
      'a hardening script changed the permissions on System Volume Information, now sync fails. how do I put the right permissions back?';
    expect(first(q)).toEqual(['afs-err-80070005']);
  });

  it('takes an area the FAQ names in its title ("sync, cloud tiering, etc.") as the FAQ\'s own', () => {
    const faq = byId(FAQ);
    expect(coversTitle(faq, byId('afs-cloud-tiering'))).toBe(true);
    expect(coversTitle(faq, byId('afs-cloud-endpoint-using-share'))).toBe(false);
  });

  it.each([
    [
      'creating the cloud endpoint fails because the share is already used in another sync group, should I delete that other sync group?',
      ['afs-cloud-endpoint-using-share'],
    ],
    [
      'the storage account firewall blocks sync, should I delete the storage account and make a new one?',
      ['afs-err-80c8306c', 'afs-err-80c8033e'],
    ],
  ])("offers %j the FAQ first and the case's own entry beside it, as a chooser", (q, own) => {
    const r = matcher.ask(q).result;
    expect(r.verdict).toBe('did-you-mean');
    expect(r.matches[0].id).toBe(FAQ);
    expect(own).toContain(r.matches[1].id);
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

describe('knowledge without the articles answers to destructive questions', () => {
  const mars = loadIndex().entries.filter((e) => e.product === 'mars-agent');
  const lead = new SafetyLead(mars);

  it('has none to lead with, and leaves the hits as they are', () => {
    expect(lead.answers).toEqual([]);
    const hits = mars.slice(0, 3).map((entry, i) => ({ entry, score: 3 - i }));
    expect(lead.lead(hits, [], true, 3).map((h) => h.entry.id)).toEqual(
      hits.map((h) => h.entry.id),
    );
    const situation = { entry: mars[4], place: 'beside' as const };
    expect(lead.lead(hits, [], true, 3, situation).map((h) => h.entry.id)).toEqual(
      hits.map((h) => h.entry.id),
    );
  });

  it('answers such a question from what it has', () => {
    const index = loadIndex();
    const matcher = new Matcher({ ...index, entries: mars });
    const r = matcher.ask(
      'backups keep failing, should I delete the vault and recreate it?',
    ).result;
    expect(r.matches.length).toBeGreaterThan(0);
    expect(r.matches.every((m) => m.id.startsWith('mars-'))).toBe(true);
  });
});

describe('the plan for one message', () => {
  const lead = new SafetyLead(entries);
  const ids = (xs: { id: string }[]) => xs.map((e) => e.id);

  it('puts the answers before the codes, or after codes whose entries carry the warning', () => {
    const timeout = lead.planFor('should I delete the server endpoint?', true, [
      byId('afs-err-80c8600d'),
    ]);
    expect(ids(timeout.beforeCodes)).toEqual([FAQ, GUIDE]);
    expect(timeout.afterCodes).toEqual([]);
    const recreated = lead.planFor('should I delete the sync group?', true, [
      byId('afs-err-80c8027e'),
    ]);
    expect(recreated.beforeCodes).toEqual([]);
    expect(ids(recreated.afterCodes)).toEqual([FAQ, GUIDE]);
  });

  it('leads free text of the answers product, or that names their object', () => {
    const mars = byId('mars-basic-troubleshooting');
    const q = 'backups keep failing, should I delete the vault and recreate it?';
    expect(lead.planFor(q, false, [], mars).leadsText).toBe(false);
    const named = lead.planFor('should I delete the server endpoint to fix it?', false, [], mars);
    expect(named.leadsText).toBe(true);
    expect(lead.planFor('how do I delete the server endpoint', false, [], mars).leadsText).toBe(
      false,
    );
  });

  // Whatever ranks first: a question of the backup side alone is not the answers' to lead.
  it('does not lead free text that names only the other product, whatever ranks first', () => {
    const afs = byId('afs-troubleshoot-azure-file-sync');
    const q = 'the nightly backup to the recovery services vault fails, should I reinstall it?';
    expect(lead.planFor(q, false, [], afs).leadsText).toBe(false);
    expect(lead.planFor('sync fails, should I reinstall it?', false, [], afs).leadsText).toBe(true);
    // Naming both products, or neither, leaves it to the best entry.
    const both = 'sync and the backup both fail, should I reinstall it?';
    expect(lead.planFor(both, false, [], afs).leadsText).toBe(true);
  });
});

describe('the products a message names', () => {
  it.each([
    ['tiered files will not recall', ['azure-file-sync']],
    ['the RSV backup fails every night', ['mars-agent']],
    ['MARS passphrase lost', ['mars-agent']],
    ['sync and backup both fail', ['azure-file-sync', 'mars-agent']],
    ['the agent will not restore', []],
  ])('%j names %j', (q, products) => {
    expect([...productsNamed(q)].sort()).toEqual(products);
  });
});

describe("the situation's own answer beside the articles' answers", () => {
  const lead = new SafetyLead(entries);

  it('goes first when it carries the warning itself', () => {
    const own = byId('afs-err-80c8027a');
    expect(lead.situation(own)).toEqual({ entry: own, place: 'first' });
  });

  it('goes beside the FAQ otherwise', () => {
    const own = byId('afs-files-fail-recall');
    expect(lead.situation(own)).toEqual({ entry: own, place: 'beside' });
  });

  it('has no place for the answers themselves, destructive procedures or nothing', () => {
    expect(lead.situation(byId(FAQ))).toBeUndefined();
    expect(
      lead.situation(byId('afs-scenario-1-i-want-to-delete-a-server-endpoint-and-i')),
    ).toBeUndefined();
    expect(lead.situation(undefined)).toBeUndefined();
  });
});
