import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIndex } from '../../src/knowledge/load';
import type { Entry, KnowledgeIndex } from '../../src/knowledge/schema';
import { Matcher, verdictOf } from '../../src/matching/ask';

const index = loadIndex();
const matcher = new Matcher(index);
const ask = (q: string) => matcher.ask(q);
const ids = (q: string, n = 3) =>
  ask(q)
    .result.matches.slice(0, n)
    .map((m) => m.id);

describe('the verdict of an answer', () => {
  it.each([
    ['0x80c8305f', 'answer'],
    ['0x80c8ffff', 'unknown-code'],
    ['   ', 'empty'],
    ['what is the weather in Seattle tomorrow', 'off-topic'],
    ['banana keyboard purple', 'off-topic'],
  ])('%j is shown as %s', (q, verdict) => {
    expect(ask(q).result.verdict).toBe(verdict);
  });

  // The health-status table sits under the FAQ's heading: its rows do not claim the FAQ's title.
  // With the recall monitor close behind, it may be offered first rather than given alone.
  it.each(['how do I monitor sync health', 'how do I monitor sync health on a server endpoint'])(
    'leads %j with the FAQ that tells how',
    (q) => {
      expect(ids(q, 1)).toEqual(['afs-broken-sync']);
      expect(['answer', 'did-you-mean']).toContain(ask(q).result.verdict);
    },
  );

  it('is "answer" exactly when the result is confident', () => {
    for (const q of [
      'sync error',
      'how do I monitor sync health',
      'registered FS12 but it does not appear under Registered servers in the portal',
      'how to reset iphone passcode',
      'ECS_E_SYNC_FILE_IN_USE',
    ]) {
      const r = ask(q).result;
      expect([q, r.verdict === 'answer']).toEqual([q, r.confident]);
    }
  });

  it('maps every reason to a verdict', () => {
    expect(verdictOf('codes')).toBe('answer');
    expect(verdictOf('text')).toBe('answer');
    expect(verdictOf('ambiguous')).toBe('did-you-mean');
    expect(verdictOf('vague')).toBe('did-you-mean');
  });
});

describe('questions about the field are never turned away', () => {
  it.each([
    'registered FS12 but it does not appear under Registered servers in the portal',
    'files created directly in the azure share take a day to show up on the server',
    'how long until a file I put in the azure file share appears on my server',
    // Both products are agents: "the agent" is how admins name either.
    'the agent is acting up, help',
  ])('%j gets an answer or candidates, not "off-topic"', (q) => {
    const a = ask(q);
    expect(a.result.verdict).not.toBe('off-topic');
    expect(a.result.matches.length).toBeGreaterThan(0);
  });

  // No word of either product, and few of the entry's own: the knowledge still relates.
  it.each([
    [
      'before we retire the london box i want to be sure it and the dublin server have identical content. how do i verify both are fully caught up with each other and the cloud',
      'afs-how-do-i-know-if-my-servers-are-in-sync-with-each-other',
    ],
    [
      'renamed the top-level Projects folder this morning, the rename still hasnt shown up in the azure share. a few ppl have files open inside it',
      'afs-item-80c8027d',
    ],
  ])('%j is offered its entry, not turned away', (q, id) => {
    const a = ask(q);
    expect(a.result.verdict).not.toBe('off-topic');
    expect(a.result.matches[0].id).toBe(id);
  });
});

describe('questions about another product or device', () => {
  it.each([
    'outlook keeps asking for my password',
    'the printer on floor 3 is offline',
    'our vpn drops every hour',
    'shared mailbox not showing up in outlook',
    'sharepoint site storage quota is full, how do I increase it',
    'how do I offload my iphone photos',
    'email stuck in outbox',
  ])('%j is off-topic, whatever words it shares with the knowledge', (q) => {
    expect(ask(q).result.verdict).toBe('off-topic');
  });

  it.each([
    'onedrive sync stuck on processing changes',
    'my OneDrive sync is broken, should I reinstall it?',
    'how do I restore a deleted email in outlook',
    'sharepoint library will not sync to my laptop',
  ])('%j, about a service that syncs or backs up on its own, is off-topic', (q) => {
    expect(ask(q).result.verdict).toBe('off-topic');
  });

  it.each([
    'sync stopped on the file server after the vpn was set up',
    'tried edge and chrome, downloading the vault credentials from the portal fails',
    'users get an error opening excel files on the S: drive after tiering',
    'we moved files from sharepoint to the file server and now AFS sync fails',
    'backup of the mail server to the recovery services vault fails with a passphrase error',
    'the alert email says sync failed on FS01 last night',
  ])('%j, which names the field too, is not', (q) => {
    expect(ask(q).result.verdict).not.toBe('off-topic');
  });
});

describe('questions without a word of the field', () => {
  it('are answered when the best entry speaks of nearly all of the question', () => {
    const a = ask('installation fails on a domain controller');
    expect(a.result.verdict).toBe('answer');
    expect(a.result.matches[0].id).toBe('afs-agent-installation-on-dc');
  });

  it.each(['how to register a domain name', 'how do i map a network drive with group policy'])(
    'but %j, which only shares words with the knowledge, is not',
    (q) => {
      expect(ask(q).result.confident).toBe(false);
    },
  );
});

describe('vague questions get a chooser', () => {
  it.each(['sync error', 'sync problem', 'sync issue', 'sync not working'])(
    '%j is not answered with one confident entry',
    (q) => {
      const a = ask(q);
      expect(a.result.confident).toBe(false);
      expect(a.result.verdict).toBe('did-you-mean');
      expect(a.result.matches.length).toBeGreaterThanOrEqual(2);
    },
  );
});

describe('exact messages quoted in the articles', () => {
  it('rank their own entry first: a MARS message from its section text', () => {
    expect(ids('mars says unable to find changes in a file', 1)).toEqual(['mars-salbitmaperror']);
  });

  it('rank their own entry first: a message quoted in a title', () => {
    expect(ids('setup says: This server is already registered. what now', 1)).toEqual([
      'afs-server-already-registered',
    ]);
  });

  it.each([
    [
      'ran the check from the article and it threw: The Azure file share referenced by the cloud endpoint does not exist.',
      'afs-troubleshoot-azure-file-share',
    ],
    [
      'Azure File Sync is either not available in the selected Azure Region or the region is mistyped',
      'afs-troubleshoot-storage-account',
    ],
    [
      'powershell says The provided sync group sg-finance-01 does not exist. but I can see it',
      'afs-troubleshoot-storage-account',
    ],
    [
      'The provided sync group sg-afs-prod-weu-finance-001 does not exist.',
      'afs-troubleshoot-storage-account',
    ],
    [
      'got "The provided sync group does not exist." from the script',
      'afs-troubleshoot-storage-account',
    ],
  ])('rank their own entry first: %j, a message an article script throws', (q, id) => {
    expect(ids(q, 1)).toEqual([id]);
    expect(ask(q).result.verdict).toBe('answer');
  });

  it('put every entry sharing the message first, and offer them as a choice', () => {
    const a = ask('Sync failed due to a problem with the sync database.');
    expect(a.result.verdict).toBe('did-you-mean');
    expect(
      a.result.matches
        .slice(0, 2)
        .map((m) => m.id)
        .sort(),
    ).toEqual(['afs-err-80c80219', 'afs-err-8e5e044e']);
  });
});

describe('questions about deleting or recreating to fix something', () => {
  const faq = 'afs-im-having-an-issue-with-azure-file-sync-on-my-server';
  const warning = 'afs-deprovision-or-delete-your-azure-file-sync-server';
  it.each([
    'sync keeps failing, should I delete and recreate the server endpoint?',
    'will removing the server endpoint and adding it back fix sync errors',
    'reset the server endpoint to get tiering working again?',
    'can I just re-create the SE to solve the sync problem',
    'sync is messed up, can I just tear down the sync group and start fresh?',
    'would it help to blow away the cloud endpoint and add it back?',
    'tiering seems corrupt, should I purge the server endpoint and set it up again',
  ])('%j leads with the articles answer and its warning, no destructive procedure', (q) => {
    const a = ask(q);
    expect(a.result.matches.slice(0, 2).map((m) => m.id)).toEqual([faq, warning]);
    expect(a.result.verdict).toBe('answer');
    const warnings = a.entries
      .slice(0, 2)
      .flatMap((e) => e.remediation.blocks.flatMap((b) => b.callouts ?? []))
      .filter((c) => c.kind === 'warning')
      .map((c) => c.text);
    expect(warnings.join(' ')).toMatch(/Don't try to resolve sync issues by deprovisioning/);
  });

  it.each([
    'the Teams desktop client is stuck signing in on a few laptops, should I reset it?',
    'my iphone is stuck on the apple logo, should I reset it to fix it?',
    'outlook profile is corrupt, should I delete and recreate it?',
    'printer queue stuck, should I delete the printer and add it back?',
  ])('does not answer %j, a destructive question of another field, with the FAQ', (q) => {
    const r = ask(q).result;
    expect(r.confident).toBe(false);
    expect(r.verdict).not.toBe('answer');
  });

  // An entry that carries the articles' warning itself is their answer for its own situation:
  // it leads, the FAQ follows, whether or not the text names the server endpoint.
  it.each([
    [
      'someone renamed the folder that is the server endpoint path and sync says the path cannot be found, should I delete the server endpoint and recreate it?',
      'afs-err-80c8027a',
    ],
    [
      'server endpoint deletion fails with MgmtServerJobExpired because the old server is gone, should I just delete the server endpoint again?',
      'afs-server-endpoint-deletejobexpired',
    ],
    [
      'the server is already registered error when registering, should I reset the server?',
      'afs-server-already-registered',
    ],
    [
      'Monday the ops team renamed D:\\Shares\\Finance on FS03 as part of a cleanup, and since then sync has been failing every session and the portal says the server endpoint path cannot be found. Our change board wants to know: should we just remove the endpoint and create it again?',
      'afs-err-80c8027a',
    ],
  ])('%j leads with %s, which carries the warning, then the FAQ', (q, own) => {
    const a = ask(q);
    expect(a.result.matches.slice(0, 2).map((m) => m.id)).toEqual([own, faq]);
    expect(a.result.verdict).toBe('answer');
    const callouts = a.entries[0].remediation.blocks.flatMap((b) => b.callouts ?? []);
    expect(callouts.map((c) => c.text).join(' ')).toMatch(
      /Don't try to resolve sync issues by deprovisioning/,
    );
  });

  // The FAQ leads; the situation's own entry (not carrying the warning) is offered beside it,
  // though it covers little of the text or the text names the server endpoint.
  it.each([
    ['files stuck with a conflict suffix, should we delete them and resync?', 'afs-item-80c80200'],
    [
      'recall of tiered files fails with access denied, should I delete the server endpoint and add it back?',
      'afs-files-fail-recall',
    ],
  ])('%j offers %s beside the FAQ, as a choice', (q, own) => {
    const a = ask(q);
    expect(a.result.matches.slice(0, 2).map((m) => m.id)).toEqual([faq, own]);
    expect(a.result.verdict).toBe('did-you-mean');
  });

  it('still answers how to deprovision properly from the procedure', () => {
    expect(
      ids('how do I kick off the VSS upload session before removing the server endpoint', 1),
    ).toEqual(['afs-initiate-a-special-volume-snapshot-service-vss-upload']);
  });
});

describe('a code sent with a question about deleting or recreating to fix it', () => {
  const faq = 'afs-im-having-an-issue-with-azure-file-sync-on-my-server';
  const warning = 'afs-deprovision-or-delete-your-azure-file-sync-server';
  const timeout = 'afs-err-80c8600d';

  it.each([
    'getting 0x80c8600d, should I delete the server endpoint and add it back?',
    'sync fails with -2134351859. can I just recreate the server endpoint to fix it',
  ])('%j leads with the articles answer and its warning, then the code entry', (q) => {
    const a = ask(q);
    const got = a.result.matches.map((m) => m.id);
    expect(got.slice(0, 3)).toEqual([faq, warning, timeout]);
    expect(a.result.verdict).toBe('answer');
    expect(a.result.codes.map((c) => c.hresult)).toEqual(['0x80c8600d']);
    expect(a.safetyFirst.map((e) => e.id)).toEqual([faq, warning]);
  });

  // 0x80c8027e (share deleted and recreated): its own answer is to delete and recreate the sync
  // group, under the same warning. The FAQ's "don't delete the server endpoint" leading it would
  // contradict the article's answer for that code.
  it.each([
    'getting 0x80c8027e, should I delete the sync group and recreate it?',
    '-2134375810 on FS01. do we have to remove the server endpoints and start over?',
  ])('%j leads with the code entry, which carries the warning itself', (q) => {
    const a = ask(q);
    const got = a.result.matches.map((m) => m.id);
    expect(got[0]).toBe('afs-err-80c8027e');
    expect(got.slice(1, 3)).toEqual([faq, warning]);
    expect(a.result.verdict).toBe('answer');
    expect(a.safetyFirst).toEqual([]);
  });

  it('a code whose entry does not carry the warning still follows the articles answer', () => {
    const a = ask('getting 0x80c8027e and 0x80c8600d, should I delete the server endpoint?');
    expect(a.safetyFirst.map((e) => e.id)).toEqual([faq, warning]);
    expect(a.result.matches.slice(0, 2).map((m) => m.id)).toEqual([faq, warning]);
  });

  it('a pasted 9102 event with the question after it leads with the articles answer', () => {
    const event = readFileSync(join(__dirname, '../fixtures/events/9102-failed.txt'), 'utf8');
    expect(ask(event).result.matches[0].id).toBe('afs-err-80c8305f');
    const a = ask(`${event}\nshould I delete the server endpoint and add it back?`);
    expect(a.result.matches.slice(0, 3).map((m) => m.id)).toEqual([
      faq,
      warning,
      'afs-err-80c8305f',
    ]);
  });

  it('an unknown code with the same question still leads with the articles answer', () => {
    const a = ask('0x80c8ffff on FS01, should I delete the server endpoint and add it back?');
    expect(a.result.verdict).toBe('unknown-code');
    expect(a.result.matches[0].id).toBe(faq);
  });

  it.each([
    '0x80c8600d',
    'getting 0x80c8600d on FS01 since the reboot, what does it mean?',
    // A pasted report: "deleted" on one line and "error" on another ask nothing.
    '0x80c8600d\nThe old share was deleted last week.\nsync error since then',
    // What was done, told as the cause: nothing is asked.
    'sync error 0x80c8600d since someone recreated the server endpoint',
  ])('%j, with no destructive question, answers the code entry alone first', (q) => {
    const a = ask(q);
    expect(a.result.matches[0].id).toBe(timeout);
    expect(a.result.matches.map((m) => m.id)).not.toContain(faq);
    expect(a.safetyFirst).toEqual([]);
  });
});

/** The real index with some entries changed (audience, supersededBy). */
function indexWith(change: (e: Entry) => Entry): KnowledgeIndex {
  return { ...index, entries: index.entries.map((e) => change({ ...e })) };
}

describe('support-only entries', () => {
  const guide = 'afs-how-to-check-for-sync-errors';
  const supportIndex = indexWith((e) => (e.id === guide ? { ...e, audience: 'support' } : e));

  it('do not answer customers who do not ask for them by their own terms', () => {
    const m = new Matcher(supportIndex);
    const r = m.ask('how do I check for sync errors').result;
    expect(r.matches.map((x) => x.id)).not.toContain(guide);
    // The same entry open to everyone would have been offered.
    const open = indexWith((e) => (e.id === guide ? { ...e, audience: 'customer' } : e));
    expect(
      new Matcher(open).ask('how do I check for sync errors').result.matches.map((x) => x.id),
    ).toContain(guide);
  });

  it('answer when asked by their own terms (ASC, Jarvis)', () => {
    const m = new Matcher(supportIndex);
    expect(m.ask('check sync errors in ASC').result.matches[0].id).toBe(guide);
    expect(m.ask('jarvis query for sync errors').result.matches[0].id).toBe(guide);
  });

  it('answer anyone when the bot is set up for a support team', () => {
    const m = new Matcher(supportIndex, { audience: 'support' });
    expect(m.ask('how do I check for sync errors').result.matches.map((x) => x.id)).toContain(
      guide,
    );
  });
});

describe('superseded entries', () => {
  it('never rank above the entry that supersedes them', () => {
    const q = 'how do I know all servers in the sync group are in sync with each other';
    const before = new Matcher(index).ask(q).result.matches.map((m) => m.id);
    const [first, second] = before;
    // The first entry is declared replaced by the second: the second must now come first.
    const m = new Matcher(indexWith((e) => (e.id === first ? { ...e, supersededBy: second } : e)));
    expect(
      m
        .ask(q)
        .result.matches.slice(0, 2)
        .map((x) => x.id),
    ).toEqual([second, first]);
  });

  it('bring the superseding entry along when it was not among the matches', () => {
    const q = 'how do I know all servers in the sync group are in sync with each other';
    const first = new Matcher(index).ask(q).result.matches[0].id;
    const newer = 'mars-basic-troubleshooting';
    const m = new Matcher(indexWith((e) => (e.id === first ? { ...e, supersededBy: newer } : e)));
    expect(
      m
        .ask(q)
        .result.matches.slice(0, 2)
        .map((x) => x.id),
    ).toEqual([newer, first]);
  });
});

describe('a version or a decimal the knowledge never names', () => {
  const questions = readFileSync(join(__dirname, '..', 'eval', 'queries.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { q: string; category: string })
    .filter((x) => x.category.startsWith('question-'))
    .map((x) => x.q);

  it.each([' 18.1.0.0', ' (v18.1.0.0)', ', 45.5'])(
    'added (%j) to every evaluation question, changes no verdict',
    (added) => {
      const changed = questions.filter(
        (q) => ask(q).result.verdict !== ask(`${q}${added}`).result.verdict,
      );
      expect(changed).toEqual([]);
    },
  );

  it('is not corrected into a version the knowledge names', () => {
    const shaped = matcher.text.shape('sync agent 4.3.0.1 fails to register');
    expect(shaped.terms).not.toContain('4.3.0.0');
    expect(shaped.coverage).toBe(matcher.text.shape('sync agent fails to register').coverage);
  });
});
