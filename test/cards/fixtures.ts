/** Real entries, events and answers for the card tests, picked from the committed index by shape. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHresult, type HresultDecoding } from '../../src/knowledge/hresult';
import { entryCommands } from '../../src/knowledge/display';
import { loadIndex } from '../../src/knowledge/load';
import type { Entry } from '../../src/knowledge/schema';
import { Matcher } from '../../src/matching/ask';
import { readEvents, type EventSummary } from '../../src/matching/events';
import { FIXTURES } from '../helpers';

export const index = loadIndex();
export const matcher = new Matcher(index);

function pick(what: string, test: (e: Entry) => boolean): Entry {
  const e = index.entries.find(test);
  if (!e) throw new Error(`the committed index has no ${what}`);
  return e;
}

/** What a card shows of an entry: everything but the phrasings it is searched by. */
const size = (e: Entry) => JSON.stringify({ ...e, keywords: [] }).length;

/** The entries the brief names, each a different shape of card. */
export const entries = {
  sessionWithCommands: pick(
    'session error with several codes and commands',
    (e) =>
      e.kind === 'session-error' &&
      e.codes.length > 1 &&
      e.cause !== '' &&
      entryCommands(e).length > 1,
  ),
  perItem: pick(
    'per-item error',
    (e) => e.kind === 'per-item-error' && e.remediation.blocks.length > 0,
  ),
  perItemWait: pick(
    'per-item error with a wait before escalating',
    (e) => e.kind === 'per-item-error' && e.escalation.action === 'wait-then-support',
  ),
  health: pick('health status', (e) => e.kind === 'health-status'),
  mars: pick('MARS error', (e) => e.kind === 'mars-error' && e.codes.some((c) => c.marsId)),
  question: pick('question', (e) => e.kind === 'question'),
  largest: [...index.entries].sort((a, b) => size(b) - size(a))[0],
  noUrl: pick('entry without a public URL', (e) => e.source.url === null),
  olderAgent: pick('older-agent code', (e) => e.codes.some((c) => c.olderAgentOnly)),
  manyRelated: [...index.entries].sort((a, b) => b.related.length - a.related.length)[0],
  flagNo: pick('code with remediation No', (e) =>
    e.codes.some((c) => c.remediationRequired === 'No'),
  ),
  flagMaybe: pick('code with remediation Maybe', (e) =>
    e.codes.some((c) => c.remediationRequired === 'Maybe'),
  ),
  networkAdmin: pick(
    'contact-network-admin escalation',
    (e) => e.escalation.action === 'contact-network-admin',
  ),
};

/** Every entry fixture, named. */
export const namedEntries: [string, Entry][] = Object.entries(entries);

const EVENTS_DIR = join(FIXTURES, 'events');

/** The pasted samples of test/fixtures/events, by file name. */
export const pastes: Record<string, string> = Object.fromEntries(
  readdirSync(EVENTS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => [f.replace(/\.txt$/, ''), readFileSync(join(EVENTS_DIR, f), 'utf8')]),
);

/** The first event read from each sample. */
export const events: Record<string, EventSummary> = Object.fromEntries(
  Object.entries(pastes).map(([name, text]) => {
    const ev = readEvents(text)[0];
    if (!ev) throw new Error(`no event read from ${name}.txt`);
    return [name, ev];
  }),
);

/** Decodings of codes the knowledge lacks: Azure File Sync, Win32 (facility 7), NTSTATUS-mapped. */
export const unknownDecodings: HresultDecoding[] = [0x80c8ffff, 0x80070bad, 0xd0000022].map((u) =>
  decodeHresult(u),
);

/** The bot's commands as its help command passes them. */
export const commands = [
  { name: 'help', usage: 'help', description: 'What the bot answers and the commands it knows' },
  {
    name: 'subscribe',
    usage: 'subscribe <sync group>',
    description: 'Post a card in this channel when a server endpoint of the sync group fails',
  },
  { name: 'status', usage: 'status', description: 'Health of the subscribed sync groups' },
];

/** A question whose matches tie, for did-you-mean (checked by the tests that use it). */
export const hostileQuery = '[click](https://evil.example) **bold** <b>x</b> \u0000';
