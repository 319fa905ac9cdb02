import { answerCard } from '../../src/cards';
import { plainText } from '../../src/cards/escape';
import type { Entry } from '../../src/knowledge/schema';
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
import { entries, events, index, matcher } from './fixtures';
import { validateCard } from './validate-card';

const codeRows = (e: Entry, opts = {}) => byId(answerCard(e, opts), 'codes').items as CardNode[];
const badgeOf = (row: CardNode) => (row.columns as CardNode[])[1];

describe('the answer card', () => {
  it('names the entry and its product', () => {
    const card = answerCard(entries.sessionWithCommands);
    expect(byId(card, 'title').text).toBe(entries.sessionWithCommands.title);
    expect(allText(card)).toContain('Azure File Sync · sync session error');
    expect(allText(answerCard(entries.mars))).toContain('MARS agent · MARS agent error');
  });

  it('lists every code with its hex, decimal and error string, and a MARS error by its id', () => {
    const e = entries.sessionWithCommands;
    const rows = codeRows(e);
    expect(rows).toHaveLength(e.codes.length);
    const runs = textsOf(rows);
    for (const c of e.codes)
      expect(runs).toEqual(expect.arrayContaining([c.hresult, String(c.decimal), c.errorString]));
    const mars = entries.mars.codes.find((c) => c.marsId)!;
    expect(textsOf(codeRows(entries.mars))).toContain(`ID ${mars.marsId}`);
  });

  it.each([
    ['Yes', 'attention'],
    ['No', 'good'],
    ['Maybe', 'warning'],
  ] as const)('shows remediation %s as a %s badge', (flag, style) => {
    const e = index.entries.find(
      (x) => x.codes.length === 1 && x.codes[0].remediationRequired === flag,
    )!;
    const badge = badgeOf(codeRows(e)[0]);
    expect(badge.style).toBe(style);
    const text = (badge.items as CardNode[])[0];
    expect(text).toMatchObject({ text: `Remediation required: ${flag}`, color: style });
  });

  it('says whether the flag is stated in the article or inferred, and by which rule', () => {
    const stated = entries.sessionWithCommands;
    expect(allText(codeRows(stated))).toContain('stated in the article');
    const inferred = index.entries.find(
      (x) => x.codes.length === 1 && x.codes[0].remediationSource === 'inferred',
    )!;
    expect(allText(codeRows(inferred))).toContain(`inferred: ${inferred.codes[0].remediationRule}`);
  });

  it('marks guidance for older agents', () => {
    const card = answerCard(entries.olderAgent);
    expect(allText(byId(card, 'codes'))).toContain('older agents');
    expect(byId(card, 'older').style).toBe('warning');
    expect(hasId(answerCard(entries.sessionWithCommands), 'older')).toBe(false);
  });

  it('lists the codes a message held first, marked as in the message', () => {
    const e = entries.sessionWithCommands;
    const last = e.codes[e.codes.length - 1];
    const answer = matcher.ask(`sync fails with ${last.hresult}`);
    const rows = codeRows(e, { codes: answer.found });
    expect(textsOf(rows[0])).toContain(last.hresult);
    expect(allText(rows[0])).toContain('in your message');
    expect(allText(rows.slice(1))).not.toContain('in your message');
  });

  it('gives the cause and the steps in order, numbered', () => {
    const e = entries.sessionWithCommands;
    const card = answerCard(e);
    expect(allText(byId(card, 'cause'))).toContain(e.cause);
    const steps = byId(card, 'steps').items as CardNode[];
    expect(steps).toHaveLength(e.remediation.steps.length);
    steps.forEach((s, i) => {
      const [label, text] = textsOf(s);
      expect(label).toBe(`**${i + 1}.**`);
      expect(unescapeMarkdown(text)).toBe(e.remediation.steps[i]);
    });
  });

  it('shows each command as a CodeBlock with a monospace fallback that reads the same', () => {
    const e = entries.sessionWithCommands;
    const blocks = ofType(answerCard(e), 'CodeBlock');
    expect(blocks).toHaveLength(e.remediation.commands.length);
    blocks.forEach((b, i) => {
      expect(b.codeSnippet).toBe(e.remediation.commands[i].code);
      expect(b.language).toBe('PowerShell');
      const fallback = b.fallback as CardNode;
      expect(fallback).toMatchObject({ type: 'TextBlock', fontType: 'Monospace', wrap: true });
      expect(unescapeMarkdown(fallback.text as string)).toBe(e.remediation.commands[i].code);
      for (const line of (fallback.text as string).split('\n'))
        expect(formattingIn(line)).toEqual([]);
    });
  });

  it('maps fence names to the languages Teams knows', () => {
    const e: Entry = {
      ...entries.sessionWithCommands,
      remediation: {
        steps: [],
        notes: [],
        commands: [
          { language: 'cmd', code: 'net stop FileSyncSvc' },
          { language: 'output', code: 'Running' },
          { language: 'klingon', code: 'x' },
        ],
      },
    };
    expect(ofType(answerCard(e), 'CodeBlock').map((b) => b.language)).toEqual([
      'Dos',
      'PlainText',
      'PlainText',
    ]);
  });

  it('says how long to wait before a support request, in the article words, with what to collect', () => {
    const e = entries.perItemWait;
    const text = allText(byId(answerCard(e), 'escalation'));
    expect(text).toContain(`If it persists for ${e.escalation.waitHours} hours`);
    expect(text).toContain('open a support request');
    expect(text).toContain(`The article: “${e.escalation.text}”`);
    const collect = textsOf(byId(answerCard(e), 'collect'));
    expect(collect.map((c) => unescapeMarkdown(c.replace(/^• /, '')))).toEqual(
      e.escalation.collect,
    );
  });

  it('sends network problems to the network administrator, quoting the article', () => {
    const e = entries.networkAdmin;
    const text = allText(byId(answerCard(e), 'escalation'));
    expect(text).toContain('contact your network administrator');
    expect(text).toContain(`The article: “${e.escalation.text}”`);
  });

  it('needs no escalation, and lists nothing to collect, for a healthy status', () => {
    const card = answerCard(entries.health);
    expect(allText(byId(card, 'escalation'))).toContain('No escalation needed.');
    expect(hasId(card, 'collect')).toBe(false);
  });

  it('summarises a pasted event above the answer', () => {
    const answer = matcher.ask(`sync fails: ${events['9102-failed'].hresult}`);
    const card = answerCard(answer.entries[0], {
      event: events['9102-failed'],
      codes: answer.found,
    });
    expect(card.body[0].id).toBe('event');
    // Long names carry invisible break opportunities after their underscores (breakable.ts).
    expect(allText(card.body[0]).replace(/\u200b/g, '')).toContain(
      'The session failed with 0x80c8305f ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED',
    );
    expect(allText(card.body[0])).toContain('ECS_\u200bE_\u200bEXTERNAL_\u200bSTORAGE');
    expect(card.body.findIndex((n) => n.id === 'title')).toBe(1);
    expect(validateCard(card)).toEqual([]);
  });

  it('links the article section, the related entries and asks for feedback', () => {
    const e = entries.manyRelated;
    const [open, ...rest] = answerCard(e).actions;
    expect(open).toMatchObject({
      type: 'Action.OpenUrl',
      url: `${e.source.url}#${e.source.anchor}`,
    });
    const show = rest.filter((a) => a.verb === 'show');
    expect(show.map((a) => a.data)).toEqual(e.related.slice(0, 4).map((entryId) => ({ entryId })));
    const feedback = rest.filter((a) => a.verb === 'feedback');
    expect(feedback.map((a) => [a.type, a.data])).toEqual([
      ['Action.Execute', { entryId: e.id, helpful: true }],
      ['Action.Execute', { entryId: e.id, helpful: false }],
    ]);
  });

  it('keeps at most six primary actions, moving related entries to the overflow first', () => {
    const e = entries.manyRelated;
    expect(e.related.length).toBeGreaterThanOrEqual(4);
    const actions = answerCard(e).actions;
    expect(actions.filter((a) => a.mode === 'primary')).toHaveLength(6);
    const secondary = actions.filter((a) => a.mode === 'secondary');
    expect(secondary.length).toBeGreaterThan(0);
    expect(secondary.every((a) => a.verb === 'show')).toBe(true);
  });

  it('titles related buttons from the related entries when given them', () => {
    const e = entries.manyRelated;
    const related = e.related.map((id) => index.entries.find((x) => x.id === id)!);
    const titles = answerCard(e, { related })
      .actions.filter((a) => a.verb === 'show')
      .map((a) => a.title);
    expect(titles).toEqual(related.slice(0, 4).map((r) => plainText(r.title, 40)));
    for (const t of titles) expect((t as string).length).toBeLessThanOrEqual(40);
  });

  it('has no article link when the article has no public URL, and still names it', () => {
    const card = answerCard(entries.noUrl);
    expect(card.actions.some((a) => a.type === 'Action.OpenUrl')).toBe(false);
    expect(byId(card, 'source').text).toContain(entries.noUrl.source.article);
    expect(byId(card, 'source').text).toContain('no public link');
  });

  it('thanks instead of asking again once feedback is recorded', () => {
    const e = entries.sessionWithCommands;
    const card = answerCard(e, { feedback: 'not-helpful' });
    expect(actionsOf(card).some((a) => a.verb === 'feedback')).toBe(false);
    expect(byId(card, 'feedback').text).toBe('Thanks, your feedback was recorded.');
    expect(card.actions[0].type).toBe('Action.OpenUrl');
    expect(hasId(answerCard(e), 'feedback')).toBe(false);
  });

  it('is valid for every entry of the index, with and without feedback', () => {
    const problems: Record<string, string[]> = {};
    for (const e of index.entries) {
      for (const card of [answerCard(e), answerCard(e, { feedback: 'helpful' })]) {
        const p = validateCard(card);
        if (p.length > 0) problems[e.id] = p;
      }
    }
    expect(problems).toEqual({});
  });

  it('cannot carry a disguised link or raw HTML written into article text', () => {
    const e: Entry = {
      ...entries.perItem,
      title: 'See [the fix](https://evil.example)',
      cause: '<a href="https://evil.example">x</a> and \\[escaped\\](y)',
      remediation: {
        steps: ['![img](https://evil.example/x.png) [ref][1]'],
        commands: [],
        notes: [],
      },
    };
    const card = answerCard(e);
    for (const t of textsOf(card.body)) expect(disguisedLinks(t)).toEqual([]);
    expect(unescapeMarkdown(byId(card, 'title').text as string)).toBe(e.title);
    expect(validateCard(card)).toEqual([]);
  });
});
