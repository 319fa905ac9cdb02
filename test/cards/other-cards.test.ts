import {
  didYouMeanCard,
  helpCard,
  multiCodeCard,
  offTopicCard,
  unknownCodeCard,
  welcomeCard,
} from '../../src/cards';
import { didYouMeanView } from '../../src/cards/did-you-mean-card';
import { EXAMPLES } from '../../src/cards/examples';
import type { CardNode } from '../../src/cards/types';
import {
  actionsOf,
  allText,
  byId,
  disguisedLinks,
  formattingIn,
  hasId,
  ofType,
  textsOf,
  unescapeMarkdown,
} from './card-text';
import { explanationOf } from '../../src/cards/notification-card';
import {
  commands,
  entries,
  events,
  hostileQuery,
  index,
  matcher,
  unknownDecodings,
} from './fixtures';
import { validateCard } from '../support/validate-card';

describe('the multi-code card', () => {
  const answer = matcher.ask(
    'FS01: 0x80072ee7, FS02: ECS_E_SYNC_METADATA_KNOWLEDGE_LIMIT_REACHED, MARS error 34513',
  );
  const items = answer.found.map((code) => ({
    entry: answer.entries.find((e) => code.hits.some((h) => h.entry.id === e.id))!,
    code,
  }));
  const card = multiCodeCard(items);
  const rows = byId(card, 'rows').items as CardNode[];

  it('has one row per code: code, error string, title, flag and a show button', () => {
    expect(rows).toHaveLength(3);
    expect(textsOf(rows[0])).toEqual(
      expect.arrayContaining([
        '0x80072ee7',
        'WININET_E_NAME_NOT_RESOLVED',
        items[0].entry.title,
        'Remediation required: Yes',
      ]),
    );
    expect(textsOf(rows[1])).toEqual(
      expect.arrayContaining(['0x80c8021c', 'ECS_E_SYNC_METADATA_KNOWLEDGE_LIMIT_REACHED']),
    );
    expect(textsOf(rows[2])).toContain('ID 34513');
    rows.forEach((row, i) => {
      expect(actionsOf(row)).toEqual([
        expect.objectContaining({
          type: 'Action.Execute',
          verb: 'show',
          data: { entryId: items[i].entry.id },
        }),
      ]);
    });
    expect(validateCard(card)).toEqual([]);
  });
});

describe('the did-you-mean card', () => {
  const candidates = [entries.health, entries.question, entries.mars, entries.perItem];

  it('says why for a candidate whose article opens with a list of causes instead of a cause', () => {
    const e = index.entries.find((x) => x.id === 'afs-err-80c80219')!;
    expect(e.cause.trim()).toBe('');
    const card = didYouMeanCard([e], 'sync database problem');
    expect(allText(card)).toContain('These errors usually resolve themselves');
    expect(validateCard(card)).toEqual([]);
  });

  it('offers up to three candidates, each a show button', () => {
    const card = didYouMeanCard(candidates, 'sync stuck');
    const shows = actionsOf(card);
    expect(shows.map((a) => a.data)).toEqual(
      candidates.slice(0, 3).map((e) => ({ entryId: e.id })),
    );
    expect(shows.every((a) => a.type === 'Action.Execute' && a.verb === 'show')).toBe(true);
    expect(allText(card)).toContain(entries.question.title);
    expect(allText(card)).toContain('You asked: “sync stuck”');
    expect(validateCard(card)).toEqual([]);
  });

  it('repeats a hostile question with no link, emphasis or markup from it', () => {
    const card = didYouMeanCard(candidates, hostileQuery);
    const echoed = textsOf(card.body).find((t) => t.startsWith('You asked:'))!;
    expect(formattingIn(echoed)).toEqual([]);
    expect(disguisedLinks(echoed)).toEqual([]);
    expect(echoed).not.toContain('\u0000');
    expect(echoed).not.toMatch(/(^|[^\\])\*\*/);
    expect(echoed).not.toMatch(/(^|[^\\])\]\(/);
    expect(unescapeMarkdown(echoed).replace(/\u200b/g, '')).toBe(
      'You asked: “[click](https://evil.example) **bold** <b>x</b>”',
    );
    expect(JSON.stringify(card)).not.toContain('[click](');
    expect(validateCard(card)).toEqual([]);
  });

  it('tells candidates of the same title apart by their code', () => {
    // The articles give "An internal error occurred." to five codes, per-item and session.
    const same = index.entries.filter((e) => e.title === 'An internal error occurred.');
    expect(same.length).toBeGreaterThanOrEqual(3);
    const shown = didYouMeanView(same, 'an internal error occurred').candidates;
    expect(new Set(shown.map((c) => c.subtitle)).size).toBe(shown.length);
    shown.forEach((c, i) => expect(c.subtitle).toContain(same[i].codes[0].hresult!));
  });

  it('names a MARS error by its id, and a MARS name that has no id by its name', () => {
    const mars = index.entries.find((e) => e.codes.some((c) => c.marsId === '0x1FC07'))!;
    const named = index.entries.find((e) =>
      e.codes.some((c) => c.errorString === 'SalLowDiskSpace'),
    )!;
    const [a, b] = didYouMeanView([mars, named], 'mars').candidates;
    expect(a.subtitle).toBe('MARS agent · MARS agent error · error ID 0x1FC07');
    expect(b.subtitle).toBe('MARS agent · MARS agent error · SalLowDiskSpace');
  });

  it('cuts a long question to 200 characters', () => {
    const card = didYouMeanCard(candidates, 'sync '.repeat(100));
    const echoed = textsOf(card.body).find((t) => t.startsWith('You asked:'))!;
    const quoted = echoed.slice('You asked: “'.length, -1);
    expect(Array.from(quoted)).toHaveLength(200);
    expect(quoted.endsWith('…')).toBe(true);
  });
});

describe('the unknown-code card', () => {
  const card = unknownCodeCard(unknownDecodings);

  it('decodes each code: severity, facility with its name, code, Win32 error for facility 7', () => {
    const text = allText(card);
    expect(text).toContain('0x80c8ffff');
    expect(text).toContain('200 (FACILITY_AZURE_FILE_SYNC)');
    expect(text).toContain('65535 (0xffff)');
    expect(text).toContain('1 (failure)');
    const win32 = byId(card, 'rows').items as CardNode[];
    expect(allText(win32[1])).toContain('7 (FACILITY_WIN32)');
    expect(textsOf(win32[1])).toEqual(expect.arrayContaining(['Win32 error', String(0xbad)]));
    expect(allText(win32[0])).not.toContain('Win32 error');
    expect(allText(win32[2])).toContain('NTSTATUS');
  });

  it('says plainly that the knowledge lacks it and gives general next steps', () => {
    const text = allText(card);
    expect(text).toMatch(/do not list 0x80c8ffff, 0x80070bad or 0xd0000022/);
    expect(unescapeMarkdown(text)).toContain(
      'Applications and Services Logs\\Microsoft\\FileSync\\Agent',
    );
    expect(text).toContain('AFSDiag');
    expect(text).toContain('support request');
    expect(validateCard(card)).toEqual([]);
  });

  it('names an unknown MARS id and gives the MARS steps', () => {
    const mars = unknownCodeCard([], { marsIds: ['34999'] });
    expect(allText(mars)).toContain('do not list MARS error ID 34999');
    expect(allText(mars)).toContain('MARS agent version');
    expect(hasId(mars, 'rows')).toBe(false);
    expect(validateCard(mars)).toEqual([]);
  });
});

describe('the off-topic, welcome and help cards', () => {
  it('off-topic says what the bot does, with every example', () => {
    const card = offTopicCard();
    expect(allText(card)).toContain('Azure File Sync and MARS');
    expect(textsOf(byId(card, 'examples'))).toEqual(EXAMPLES.map((e) => `• ${e}`));
    expect(validateCard(card)).toEqual([]);
  });

  it('off-topic never hides the closest entries the matcher found: one show button each', () => {
    const card = offTopicCard(undefined, [entries.health, entries.question]);
    const shows = actionsOf(card).filter((a) => a.verb === 'show');
    expect(shows.map((a) => (a.data as { entryId: string }).entryId)).toEqual([
      entries.health.id,
      entries.question.id,
    ]);
    expect(hasId(card, 'candidates')).toBe(true);
    expect(validateCard(card)).toEqual([]);
  });

  it('off-topic without candidates shows no empty candidate list', () => {
    expect(hasId(offTopicCard(), 'candidates')).toBe(false);
  });

  it('off-topic still reads back a pasted event', () => {
    const card = offTopicCard(events['9102-peritem']);
    expect(card.body[0].id).toBe('event');
    expect(validateCard(card)).toEqual([]);
  });

  it('welcome says what the bot does, with three examples', () => {
    const card = welcomeCard();
    expect(allText(card)).toContain('troubleshooting articles');
    expect(textsOf(byId(card, 'examples'))).toHaveLength(3);
    expect(validateCard(card)).toEqual([]);
  });

  it('welcome says how to reach the bot in a chat, a group chat and a channel', () => {
    const where = byId(welcomeCard(), 'where').text as string;
    expect(where).toMatch(/our chat/);
    expect(where).toMatch(/group chat/);
    expect(where).toMatch(/channel/);
    expect(where).toMatch(/@afsbot/);
  });

  it('help lists every command: usage in monospace, then what it does', () => {
    const card = helpCard(commands);
    const rows = byId(card, 'rows').items as CardNode[];
    expect(rows).toHaveLength(commands.length);
    rows.forEach((row, i) => {
      const [usage, description] = ofType(row, 'TextBlock');
      expect(usage.fontType).toBe('Monospace');
      expect(unescapeMarkdown(usage.text as string)).toBe(commands[i].usage);
      expect(description.text).toBe(commands[i].description);
    });
    expect(validateCard(card)).toEqual([]);
  });
});

describe('the notification explanation', () => {
  it('explains an entry whose article opens with a condition instead of a cause', () => {
    const e = index.entries.find((x) => x.id === 'afs-err-80c80219')!;
    expect(e.cause.trim()).toBe('');
    const text = explanationOf(e);
    expect(text.length).toBeGreaterThan(e.title.length + 40);
    expect(text).toContain('can occur if there are: a high number of file changes');
  });
});
