/**
 * Every template in cards/ expanded with fixture data by the Adaptive Cards templating engine
 * (`new Template(json).expand({ $root: data })`), every result validated, and the bot's own
 * expander (`src/cards/expand-template.ts`) checked to give exactly the same cards.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'adaptivecards-templating';
import { answerCard } from '../../src/cards';
import { answerView } from '../../src/cards/answer-view';
import { otherMatchesView } from '../../src/cards/other-matches';
import { didYouMeanView } from '../../src/cards/did-you-mean-card';
import { eventView } from '../../src/cards/event-summary';
import { helpView } from '../../src/cards/help-card';
import { healthView } from '../../src/cards/health-card';
import { alertView, syncFailureView } from '../../src/cards/notification-card';
import { multiCodeView, type CodeItem } from '../../src/cards/multi-code-card';
import { offTopicView } from '../../src/cards/off-topic-card';
import { TEMPLATE_DIR, TEMPLATE_NAMES, expand, type TemplateName } from '../../src/cards/template';
import { CARD_SCHEMA, type AdaptiveCard, type CardNode } from '../../src/cards/types';
import { unknownCodeView } from '../../src/cards/unknown-code-card';
import { welcomeView } from '../../src/cards/welcome-card';
import {
  commands,
  entries,
  events,
  hostileQuery,
  matcher,
  namedEntries,
  unknownDecodings,
} from './fixtures';
import { allHealthy, empty, explain, hostile, mixed } from './health-fixtures';
import { validateCard } from '../support/validate-card';
import { gapsView } from '../../src/cards/gaps-card';
import { cardOptions, clusters as gapClusters } from '../gaps/fixtures';

function expandFile(name: TemplateName, data: object): unknown {
  const json: unknown = JSON.parse(readFileSync(join(TEMPLATE_DIR, `${name}.json`), 'utf8'));
  return new Template(json).expand({ $root: data });
}

/** A fragment (one element) inside the smallest valid card, to validate it like a card. */
function shell(element: unknown): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    body: [element as CardNode],
    actions: [],
    msteams: { width: 'Full' },
  };
}

const multi = matcher.ask(
  'FS01: 0x80072ee7, FS02: ECS_E_SYNC_METADATA_KNOWLEDGE_LIMIT_REACHED, FS03: -2147023673, MARS error 34513',
);
const multiItems: CodeItem[] = multi.found.map((code) => ({
  entry: multi.entries.find((e) => code.hits.some((h) => h.entry.id === e.id))!,
  code,
}));

/** [template, label, view model] for every fixture. */
const cases: [TemplateName, string, object][] = [
  ...namedEntries.flatMap(([name, e]): [TemplateName, string, object][] => [
    ['answer', name, answerView(e)],
    ['answer', `${name}, feedback given`, answerView(e, { feedback: 'helpful' })],
  ]),
  [
    'answer',
    'with the codes of a message',
    answerView(entries.sessionWithCommands, { codes: multi.found }),
  ],
  ...Object.entries(events).map(([name, ev]): [TemplateName, string, object] => [
    'event-summary',
    name,
    eventView(ev),
  ]),
  [
    'other-matches',
    'two entries, one with a hostile title',
    otherMatchesView(
      entries.health,
      [entries.question, { ...entries.mars, title: hostileQuery }],
      new Set(),
    )!,
  ],
  ['multi-code', 'codes of one message', multiCodeView(multiItems)],
  [
    'did-you-mean',
    'three candidates',
    didYouMeanView([entries.health, entries.question, entries.mars], 'sync stuck'),
  ],
  ['did-you-mean', 'a hostile query', didYouMeanView([entries.perItem], hostileQuery)],
  ['did-you-mean', 'no candidates', didYouMeanView([], '')],
  ['unknown-code', 'HRESULTs', unknownCodeView(unknownDecodings)],
  ['unknown-code', 'a MARS id', unknownCodeView([], ['34999'])],
  ['unknown-code', 'both', unknownCodeView(unknownDecodings.slice(0, 1), ['34999'])],
  ['off-topic', 'examples', offTopicView()],
  ['off-topic', 'closest entries', offTopicView([entries.health, entries.question, entries.mars])],
  ['welcome', 'examples', welcomeView()],
  ['help', 'commands', helpView(commands)],
  ['help', 'no commands', helpView([])],
  [
    'gaps',
    'clusters with choices, votes and a hostile question',
    gapsView(gapClusters, cardOptions),
  ],
  ['gaps', 'nothing recorded', gapsView([], { ...cardOptions, questions: 0 })],
  ['health', 'failing, unknown and healthy endpoints', healthView(mixed, explain)],
  ['health', 'all healthy', healthView(allHealthy, explain)],
  ['health', 'no endpoints', healthView(empty, explain)],
  ['health', 'hostile names', healthView(hostile, explain)],
  [
    'notification',
    'sync failure, open, explained',
    syncFailureView(
      {
        syncGroup: 'rg-files/sss-prod/sg-finance',
        endpoint: 'D:\\shares\\finance',
        server: 'fs01.contoso.com',
        direction: 'upload',
        hresult: entries.sessionWithCommands.codes[0].hresult,
        errorName: null,
        entry: entries.sessionWithCommands,
      },
      { open: true, since: '2026-11-22T08:00:00.000Z' },
    ),
  ],
  [
    'notification',
    'sync failure, resolved, unknown code, hostile names',
    syncFailureView(
      {
        syncGroup: hostileQuery,
        endpoint: hostileQuery,
        server: null,
        direction: 'download',
        hresult: '0x80c8ffff',
        errorName: null,
        entry: undefined,
      },
      { open: false, since: '2026-11-22T08:00:00.000Z', resolvedAt: '2026-11-22T09:30:00.000Z' },
    ),
  ],
  [
    'notification',
    'alert fired',
    alertView(
      {
        rule: hostileQuery,
        severity: 'Sev2',
        target: 'rg-files/sss-prod/sg-finance',
        conditions: ['ServerSyncSessionResult = 0, SyncGroupName sg-finance'],
        description: hostileQuery,
      },
      { open: true, since: '2026-11-22T08:00:00.000Z' },
    ),
  ],
];

describe('the card templates', () => {
  it('are exactly the files in cards/, and every one has a fixture', () => {
    const files = readdirSync(TEMPLATE_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...TEMPLATE_NAMES].sort());
    expect(new Set(cases.map(([t]) => t))).toEqual(new Set(TEMPLATE_NAMES));
  });

  it.each(cases)('%s (%s) expands to a valid card with no ${…} left', (name, _label, view) => {
    const out = expandFile(name, view);
    const card = name === 'event-summary' || name === 'other-matches' ? shell(out) : out;
    expect(JSON.stringify(card)).not.toContain('${');
    expect(validateCard(card)).toEqual([]);
  });

  it.each(cases)(
    '%s (%s) expands in the bot exactly as the engine expands it',
    (name, _l, view) => {
      expect(JSON.stringify(expand(name, view))).toBe(JSON.stringify(expandFile(name, view)));
    },
  );

  it.each(cases.filter(([name]) => name === 'notification'))(
    'notification (%s) shows its status in a host container style, with no tinted text',
    (name, _label, view) => {
      const card = expandFile(name, view) as { body: { id?: string; style?: string }[] };
      expect(JSON.stringify(card)).not.toMatch(/"color":/);
      expect(['attention', 'good']).toContain(card.body.find((b) => b.id === 'status')?.style);
    },
  );

  it('expand the same way every time (a cached template keeps no state between cards)', () => {
    const first = JSON.stringify(answerCard(entries.mars));
    answerCard(entries.largest, { event: events['9102-failed'], feedback: 'helpful' });
    expect(JSON.stringify(answerCard(entries.mars))).toBe(first);
  });
});
