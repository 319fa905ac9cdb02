import { loadIndex } from '../../src/knowledge/load';
import {
  situationOf,
  asksDestructiveFix,
  asksDestructiveFixInASentence,
  isDestructiveProcedure,
} from '../../src/matching/safety';

describe('questions about a destructive fix', () => {
  it.each([
    'sync is messed up, can I just tear down the sync group and start fresh?',
    'would it help to blow away the cloud endpoint and add it back?',
    'can we just get rid of the server endpoint and put it back',
    'tiering seems corrupt, should I purge the server endpoint and set it up again',
    'will uninstalling the agent and re-provisioning the endpoint get it working',
    'thinking of erasing the sync metadata to sort it out',
    'tiering is a mess, going to nuke the server endpoint unless someone objects',
  ])('recognises %j, said with general verbs', (q) => {
    expect(asksDestructiveFix(q)).toBe(true);
  });

  it.each([
    'how do i remove the server endpoint without losing anything',
    'the connection dropped with an error',
    'sync started again after the reboot but shows an error',
    'will it delete my files in the azure share if I remove the server endpoint?',
    'a hardening script changed the permissions on System Volume Information, now sync fails. how do I put the right permissions back?',
  ])('does not take %j for one', (q) => {
    expect(asksDestructiveFix(q)).toBe(false);
  });
});

describe('a destructive act that itself fails', () => {
  it.each([
    'the server died and deleting its server endpoint in the portal fails, how do I get rid of it?',
    'removing the server endpoint of a decommissioned server keeps failing. how can I remove it?',
    'server endpoint deletion is stuck, how do we get rid of it',
    'failed to delete the server endpoint of a server that no longer exists, how do I get rid of it',
  ])('is what %j asks to get done, not a fix it weighs', (q) => {
    expect(asksDestructiveFix(q)).toBe(false);
  });

  it.each([
    'deleting the server endpoint failed, should I delete the sync group instead?',
    'will deleting the server endpoint fix sync failures',
    'should I remove the server endpoint since sync fails every night',
  ])('leaves %j, which weighs an act as a fix, a destructive question', (q) => {
    expect(asksDestructiveFix(q)).toBe(true);
  });
});

describe('a destructive act told as done', () => {
  it.each([
    'we deleted the azure file share by mistake and recreated it, now sync fails on every server, how do i fix this',
    'someone removed the server endpoint and added it back, tiering is broken since, help',
    'a colleague uninstalled the agent and reinstalled it, now sync errors everywhere',
    'we deleted the server endpoint and re-added it, now files on the server fail to open',
  ])('is the cause %j reports, not a fix it asks about', (q) => {
    expect(asksDestructiveFix(q)).toBe(false);
  });

  it.each([
    'we deleted the share by mistake, should I delete the sync group too to fix sync?',
    'tiering is broken after the restore, do I need to reset the server endpoint?',
  ])('leaves %j, which asks about another act as well, a destructive question', (q) => {
    expect(asksDestructiveFix(q)).toBe(true);
  });
});

describe('a destructive fix asked in one sentence (messages with codes)', () => {
  it('is found in the sentence that asks it', () => {
    expect(
      asksDestructiveFixInASentence(
        'getting 0x80c8600d. Should I delete the server endpoint and add it back?',
      ),
    ).toBe(true);
  });

  it.each([
    'sync error 0x80c8600d since we recreated the azure file share yesterday',
    'fails with 0x80c8305f after the server endpoint was removed and added back',
    'we reset the sync group, now error -2134364065 on every server',
    "we recreated the server endpoint and now it can't sync, error 0x80c8600d",
    'the share was deleted in May and now sync fails with 0x80c8027e',
    'someone deleted the share, sync must have broken then, 0x80c8027e',
  ])('is not read into %j, which tells what was done and asks nothing', (q) => {
    expect(asksDestructiveFixInASentence(q)).toBe(false);
  });

  it.each([
    'error 0x80c8600d, is it safe to delete the server endpoint and add it back',
    '0x80c8305f. do we need to re-register the server to fix it',
    'sync fails with 0x80c8600d, recreate the cloud endpoint?',
    'error 0x80c8305f, can we just remove the server endpoint',
    'we need to delete the sync group to fix 0x80c8600d',
    // The code is the trouble: asking whether to start over is asking for a fix.
    '-2134375810 on FS01. do we have to remove the server endpoints and start over?',
    '0x80c8027e - should we recreate the sync group',
  ])('is found in %j, which asks', (q) => {
    expect(asksDestructiveFixInASentence(q)).toBe(true);
  });

  it('is not read into a report that says "deleted" and "error" on different lines', () => {
    const report =
      'Item: D:\\share\\a.txt was deleted by the user\nError: 0x80070005 access denied';
    expect(asksDestructiveFixInASentence(report)).toBe(false);
  });
});

describe('procedures that delete something', () => {
  const entries = loadIndex().entries;
  const byId = (id: string) => entries.find((e) => e.id === id)!;

  it.each([
    'afs-scenario-1-i-want-to-delete-a-server-endpoint-and-i',
    'afs-remove-user-access-to-your-server-endpoint',
  ])('include %s', (id) => {
    expect(isDestructiveProcedure(byId(id))).toBe(true);
  });

  it('leave out an error section about a deletion that fails: it has its code', () => {
    const e = byId('afs-server-endpoint-deletejobexpired');
    expect(e.kind).toBe('procedure');
    expect(e.title).toMatch(/deletion fails/);
    expect(isDestructiveProcedure(e)).toBe(false);
  });
});

describe('the situation a destructive question is about', () => {
  it.each([
    ['tiering is broken, should I delete and recreate the sync group?', 'tiering is broken'],
    ['can I just re-create the SE to solve the sync problem', 'to solve the sync problem'],
    ['should I just delete the server endpoint again?', 'should I just'],
  ])('leaves out the act asked about and what it would be done to: %j', (q, kept) => {
    const s = situationOf(q);
    expect(s).toContain(kept);
    expect(s).not.toMatch(/sync group|\bSE\b|endpoint|delete|re-create/i);
  });

  it('keeps what was done, and its object: it is the situation', () => {
    expect(
      situationOf('we deleted the share and recreated it, should I recreate the sync group?'),
    ).toMatch(/^we deleted the share and recreated it, should I\s+\?$/);
  });
});
