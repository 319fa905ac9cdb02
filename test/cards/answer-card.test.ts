import { answerCard, MAX_CARD_BYTES } from '../../src/cards';
import { entryCommands } from '../../src/knowledge/display';
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
import { validateCard } from '../support/validate-card';

const codeRows = (e: Entry, opts = {}) => byId(answerCard(e, opts), 'codes').items as CardNode[];
/** The badge sits on its own line under the code (it never overlaps a long name). */
const badgeOf = (row: CardNode) =>
  ((row.items as CardNode[]).find((n) => n.type === 'ColumnSet')!.columns as CardNode[])[0];
const plain = (texts: string[]) => texts.map((t) => t.replace(/\u200b/g, ''));
const relatedRows = (card: ReturnType<typeof answerCard>) =>
  hasId(card, 'related')
    ? ((byId(card, 'related').items as CardNode[]).slice(1) as CardNode[])
    : [];
const rowButton = (row: CardNode) =>
  (((row.columns as CardNode[])[1].items as CardNode[])[0].actions as CardNode[])[0];
const rowLabel = (row: CardNode) =>
  ((row.columns as CardNode[])[0].items as CardNode[])[0].text as string;

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
    const runs = plain(textsOf(rows));
    for (const c of e.codes)
      expect(runs).toEqual(expect.arrayContaining([c.hresult, String(c.decimal), c.errorString]));
    const mars = entries.mars.codes.find((c) => c.marsId)!;
    expect(plain(textsOf(codeRows(entries.mars)))).toContain(`ID ${mars.marsId}`);
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
    // The host's style carries the state; the text keeps the default colour (contrast in every theme).
    expect(text).toMatchObject({ text: `Remediation required: ${flag}` });
    expect(text.color).toBeUndefined();
  });

  it('says whether the flag is stated in the article or general advice, in words, never a rule id', () => {
    const stated = entries.sessionWithCommands;
    expect(allText(codeRows(stated))).toContain('stated in the article');
    const inferred = index.entries.filter(
      (x) => x.codes.length === 1 && x.codes[0].remediationSource === 'inferred',
    );
    expect(inferred.length).toBeGreaterThan(0);
    for (const e of inferred) {
      const text = allText(codeRows(e));
      expect(text).toContain('general advice');
      expect(text).not.toContain(e.codes[0].remediationRule!);
      expect(text).not.toContain('inferred');
    }
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
    const steps = e.remediation.blocks.flatMap((b) => b.steps ?? []);
    const rows = ofType(byId(card, 'remediation'), 'ColumnSet');
    expect(rows).toHaveLength(steps.length);
    rows.forEach((s, i) => {
      const [label, text] = textsOf(s);
      expect(label).toBe(`**${i + 1}.**`);
      expect(unescapeMarkdown(text)).toBe(steps[i].text);
    });
  });

  it('shows each command as a CodeBlock, falling back to one monospace line per line of code', () => {
    const e = entries.sessionWithCommands;
    const commands = entryCommands(e);
    const blocks = ofType(answerCard(e), 'CodeBlock');
    expect(blocks).toHaveLength(commands.length);
    blocks.forEach((b, i) => {
      expect(b.codeSnippet).toBe(commands[i].code);
      expect(b.language).toBe('PowerShell');
      const fallback = b.fallback as CardNode;
      expect(fallback.type).toBe('Container');
      const lines = fallback.items as CardNode[];
      expect(lines).toHaveLength(commands[i].code.split('\n').length);
      lines.forEach((l, n) => {
        expect(l).toMatchObject({ type: 'TextBlock', fontType: 'Monospace', wrap: true });
        expect(
          unescapeMarkdown(l.text as string)
            .replace(/\u00a0/g, ' ')
            .trimEnd(),
        ).toBe(commands[i].code.split('\n')[n].trimEnd());
        expect(formattingIn(l.text as string)).toEqual([]);
      });
    });
  });

  it('maps fence names to the languages Teams knows', () => {
    const e: Entry = {
      ...entries.sessionWithCommands,
      remediation: {
        blocks: [
          {
            commands: [
              { language: 'cmd', code: 'net stop FileSyncSvc' },
              { language: 'output', code: 'Running' },
              { language: 'klingon', code: 'x' },
            ],
          },
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

  it('links the article section, lists related entries as rows and asks for feedback in the body', () => {
    const e = entries.manyRelated;
    const card = answerCard(e);
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.OpenUrl',
        url: `${e.source.url}#${e.source.anchor}`,
      }),
    ]);
    const ids = relatedRows(card).map((r) => (rowButton(r).data as { entryId: string }).entryId);
    expect(ids.length).toBeGreaterThan(0);
    expect(e.related).toEqual(expect.arrayContaining(ids));
    const feedback = byId(card, 'feedback');
    expect(feedback.type).toBe('ActionSet');
    expect((feedback.actions as CardNode[]).map((a) => [a.type, a.title, a.data])).toEqual([
      ['Action.Execute', 'Helpful', { entryId: e.id, helpful: true }],
      ['Action.Execute', 'Not helpful', { entryId: e.id, helpful: false }],
    ]);
  });

  it('never offers a related entry that is one of its own steps', () => {
    const e = index.entries.find((x) => x.codes.some((c) => c.hresult === '0x80c8305f'))!;
    const lookup = (id: string) => index.entries.find((x) => x.id === id);
    const card = answerCard(e, { lookup });
    const steps = allText(byId(card, 'remediation'));
    for (const row of relatedRows(card)) expect(steps).not.toContain(rowLabel(row));
    expect(relatedRows(card)).toHaveLength(0);
  });

  it('titles related rows with the full entry title and a short button that fits', () => {
    const e = entries.manyRelated;
    const related = e.related.map((id) => index.entries.find((x) => x.id === id)!);
    const rows = relatedRows(answerCard(e, { related }));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const id = (rowButton(row).data as { entryId: string }).entryId;
      const r = related.find((x) => x.id === id)!;
      // A twin of the same title is named with its code (the next test).
      const code = r.title === e.title ? ` (${r.codes[0].hresult})` : '';
      // The entry its section is part of says so (a test below).
      const part = r.id === e.runFirst ? 'Run first: ' : r.id === e.partOf ? 'Part of: ' : '';
      expect(unescapeMarkdown(rowLabel(row))).toBe(part + r.title + code);
      expect(rowButton(row).title).toBe('Open');
    }
  });

  // The articles give some sections one title under different codes; the importer relates them.
  // A button that only repeated the card's own title would not say which entry it opens.
  it('names a related entry of its own title by its code', () => {
    const lookup = (id: string) => index.entries.find((x) => x.id === id);
    const e = index.entries.find((x) => x.id === 'afs-err-80c8033e')!;
    expect(e.related).toContain('afs-err-80c8306c');
    const labels = relatedRows(answerCard(e, { lookup })).map((r) => unescapeMarkdown(rowLabel(r)));
    expect(labels).toContain(`${e.title} (0x80c8306c)`);
    // Given titles only (no codes), the label is the title.
    const titled = [{ id: 'afs-err-80c8306c', title: e.title }];
    const plain = relatedRows(answerCard(e, { related: titled })).map((r) =>
      unescapeMarkdown(rowLabel(r)),
    );
    expect(plain).toEqual([e.title]);
  });

  // A step of the deletion scenarios answers on its own; the card says which procedure it is from.
  it('names the entry a section is part of first among the related rows', () => {
    const lookup = (id: string) => index.entries.find((x) => x.id === id);
    const e = index.entries.find((x) => x.title === 'Recall all tiered files')!;
    const whole = lookup(e.partOf!)!;
    expect(whole.title).toMatch(/^Scenario 2: I want to delete server endpoint/);
    const rows = relatedRows(answerCard(e, { lookup }));
    expect((rowButton(rows[0]).data as { entryId: string }).entryId).toBe(whole.id);
    expect(unescapeMarkdown(rowLabel(rows[0]))).toBe(`Part of: ${whole.title}`);
    expect(validateCard(answerCard(e, { lookup }))).toEqual([]);
  });

  it('names the section whose commands set what this one uses, as the first related row', () => {
    const lookup = (id: string) => index.entries.find((x) => x.id === id);
    const e = index.entries.find((x) => x.title === 'Ensure the Azure file share exists.')!;
    const rows = relatedRows(answerCard(e, { lookup }));
    expect(unescapeMarkdown(rowLabel(rows[0]))).toBe(
      'Run first: Verify the storage account exists.',
    );
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
    expect(byId(card, 'feedback').color).toBeUndefined();
    expect(card.actions[0].type).toBe('Action.OpenUrl');
    expect(byId(answerCard(e), 'feedback').type).toBe('ActionSet');
  });

  it('never tints text, for every entry: state is the host container style, readable in every theme', () => {
    // Teams' own text colours meet 4.5:1 on its own container styles in light, dark and high
    // contrast; tinted text does not (green on white 2.07:1, red on the attention style 3.57:1).
    for (const e of index.entries)
      for (const card of [answerCard(e), answerCard(e, { feedback: 'helpful' })])
        expect([e.id, JSON.stringify(card).match(/"color":"[^"]*"/g)]).toEqual([e.id, null]);
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
        blocks: [
          { list: 'sequence', steps: [{ text: '![img](https://evil.example/x.png) [ref][1]' }] },
        ],
      },
    };
    const card = answerCard(e);
    for (const t of textsOf(card.body)) expect(disguisedLinks(t)).toEqual([]);
    expect(unescapeMarkdown(byId(card, 'title').text as string)).toBe(e.title);
    expect(validateCard(card)).toEqual([]);
  });
});

describe('answer cards given again (kept per entry)', () => {
  const lookup = (id: string) => index.entries.find((e) => e.id === id);

  it('are the card built afresh, for every entry', () => {
    for (const e of index.entries) {
      answerCard(e, { lookup });
      const again = answerCard(e, { lookup });
      // A copy of the entry is another key: its card is built, not taken from what was kept.
      expect(JSON.stringify(again)).toBe(
        JSON.stringify(answerCard(structuredClone(e), { lookup })),
      );
    }
  });

  it('are the card built afresh with other matches too, and the kept card never gets them', () => {
    for (const e of index.entries) {
      const others = index.entries.filter((x) => x.id !== e.id).slice(0, 3);
      answerCard(e, { lookup });
      const again = answerCard(e, { lookup, others });
      expect(JSON.stringify(again)).toBe(
        JSON.stringify(answerCard(structuredClone(e), { lookup, others })),
      );
      expect(hasId(answerCard(e, { lookup }), 'others')).toBe(false);
      expect(Buffer.byteLength(JSON.stringify(again))).toBeLessThan(MAX_CARD_BYTES);
    }
  });

  it('are copies: a card changed in place changes none given later', () => {
    const e = index.entries[0];
    const first = answerCard(e, { lookup });
    const wanted = JSON.stringify(first);
    first.body.length = 0;
    const second = answerCard(e, { lookup });
    second.actions.push({ type: 'Action.Submit' });
    expect(JSON.stringify(answerCard(e, { lookup }))).toBe(wanted);
  });
});

describe('code without CodeBlock (Teams mobile, Agents Playground)', () => {
  const e = index.entries.find((x) => x.id === 'afs-troubleshoot-storage-account')!;
  const script = entryCommands(e).find((c) => c.code.includes('<Az_Region>'))!;
  const block = ofType(answerCard(e), 'CodeBlock').find((b) => b.codeSnippet === script.code)!;
  const lines = ((block.fallback as CardNode).items as CardNode[]).map((l) => l.text as string);
  const code = script.code.split('\n').filter((l) => l.trim());

  it('keeps every line of a long script its own line, as it reads in the article', () => {
    expect(code.length).toBeGreaterThan(50);
    expect(lines).toHaveLength(code.length);
    lines.forEach((l, n) => expect(unescapeMarkdown(l)).toBe(code[n]));
  });

  it('shows no escape where nothing needed one: "<Az_Region>" reads as written', () => {
    const region = lines.find((l) => l.includes('Region'))!;
    expect(region).toContain('"<Az\\_Region>"');
    expect(region).not.toContain('\\<');
    for (const l of lines) expect(formattingIn(l)).toEqual([]);
  });
});

describe('what the answer card says about where its words come from', () => {
  const find = (id: string) => index.entries.find((e) => e.id === id)!;
  const lookup = (id: string) => index.entries.find((e) => e.id === id);

  it('shows a condition and its warning before the steps they qualify', () => {
    const e = find('afs-cloud-endpoint-using-share');
    const texts = textsOf(byId(answerCard(e), 'remediation')).map(unescapeMarkdown);
    const at = (s: string) => texts.findIndex((t) => t.includes(s));
    expect(at('not in use by a cloud endpoint')).toBeLessThan(at('Deleting the metadata'));
    expect(at('Deleting the metadata')).toBeLessThan(at('select Delete'));
  });

  it('names the guidance a safety warning comes from', () => {
    const e = index.entries.find((x) => x.codes.some((c) => c.hresult === '0x80c8027a'))!;
    const text = allText(byId(answerCard(e, { lookup }), 'remediation'));
    expect(unescapeMarkdown(text)).toContain(
      'Warning (from “Deprovision or delete your Azure File Sync server endpoint”):',
    );
    expect(relatedRows(answerCard(e, { lookup })).map(rowLabel)).toContainEqual(
      expect.stringMatching(/^Deprovision or delete your Azure File S/),
    );
  });

  it('labels what to collect, and a default escalation, as general advice', () => {
    const e = index.entries.find(
      (x) => x.escalation.source === 'default' && x.escalation.action !== 'none',
    )!;
    const text = unescapeMarkdown(allText(byId(answerCard(e), 'escalation')));
    expect(text).toContain('General advice (the article does not say)');
    expect(text).toContain('Collect first (general advice for a support request):');
  });

  it('says when the answer is for Microsoft support, and only then', () => {
    const support = index.entries.find((x) => x.audience === 'support')!;
    expect(unescapeMarkdown(allText(byId(answerCard(support), 'support')))).toContain(
      'For Microsoft support',
    );
    expect(hasId(answerCard(entries.sessionWithCommands), 'support')).toBe(false);
  });

  it('marks superseded guidance as older, naming what replaces it', () => {
    const older = index.entries.find((x) => x.supersededBy)!;
    const heir = lookup(older.supersededBy!)!;
    const card = answerCard(older, { lookup });
    expect(byId(card, 'older').style).toBe('warning');
    expect(unescapeMarkdown(allText(byId(card, 'older')))).toContain(
      `Older guidance (2019): newer guidance replaces it; see “${heir.title}”.`,
    );
  });
});

describe('article text on the card', () => {
  it('shows code spans as written: no backslash before <string>', () => {
    const e = index.entries.find((x) => x.codes.some((c) => c.hresult === '0x80c80050'))!;
    const text = allText(byId(answerCard(e), 'remediation'));
    expect(text).toContain(
      '`Reset-AzStorageSyncServerCertificate -ResourceGroupName <string> -StorageSyncServiceName <string>`',
    );
    expect(text).not.toContain('\\<string>');
  });

  it('keeps each line of a step its own paragraph, so a command on its own line stays there', () => {
    const e = index.entries.find(
      (x) => x.kind === 'session-error' && x.codes.some((c) => c.hresult === '0x80070005'),
    )!;
    const step = textsOf(byId(answerCard(e), 'remediation')).find((t) => t.includes('takeown'))!;
    expect(step).toMatch(/repeat step d:\n\n`takeown/);
  });
});
