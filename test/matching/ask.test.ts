import { z } from 'zod';
import { loadIndex } from '../../src/knowledge/load';
import { MAX_INPUT_BYTES, Matcher } from '../../src/matching/ask';

/** The AskResult contract of the README, strict: no field more, none less. */
const AskResult = z
  .object({
    id: z.string().optional(),
    query: z.string(),
    confident: z.boolean(),
    verdict: z.enum(['answer', 'did-you-mean', 'unknown-code', 'off-topic', 'empty']),
    codes: z.array(
      z
        .object({
          hresult: z.string().regex(/^0x[0-9a-f]{8}$/),
          decimal: z.number().int(),
          name: z.string().optional(),
          known: z.boolean(),
        })
        .strict(),
    ),
    matches: z.array(
      z
        .object({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          hresults: z.array(z.string().regex(/^0x[0-9a-f]{8}$/)),
          anchors: z.array(z.string()),
          score: z.number().min(0).max(1),
        })
        .strict(),
    ),
  })
  .strict()
  .refine(
    (r) => (r.verdict === 'answer') === r.confident,
    'verdict is answer exactly when confident',
  );

const matcher = new Matcher(loadIndex());
const ask = (q: string, id?: string) => {
  const a = matcher.ask(q, id);
  AskResult.parse(a.result);
  return a;
};

describe('answering messages', () => {
  it('answers an exact code confidently, with the entry that covers it first', () => {
    const { result } = ask('sync fails with 0x80c8305f', 'q1');
    expect(result).toMatchObject({
      id: 'q1',
      query: 'sync fails with 0x80c8305f',
      confident: true,
    });
    expect(result.codes).toEqual([
      {
        hresult: '0x80c8305f',
        decimal: -2134364065,
        name: 'ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED',
        known: true,
      },
    ]);
    expect(result.matches[0].hresults).toContain('0x80c8305f');
    expect(result.matches[0].anchors).toContain('-2134364065');
    expect(result.matches[0].score).toBe(1);
  });

  it('returns an unknown code as known: false with its decoding, not confident', () => {
    const a = ask('0x80c8ffff on FS01');
    expect(a.result.confident).toBe(false);
    expect(a.result.codes).toEqual([{ hresult: '0x80c8ffff', decimal: -2134310913, known: false }]);
    expect(a.decodings[0]).toMatchObject({ facility: 200, code: 0xffff });
    expect(a.reason).toBe('unknown-code');
  });

  it('answers each code of a message with several, all at the top', () => {
    const { result } = ask(
      'FS01: 0x80072ee7, FS02: ECS_E_SYNC_METADATA_KNOWLEDGE_LIMIT_REACHED, FS03: -2147023673',
    );
    const top = result.matches.slice(0, 3).flatMap((m) => m.hresults);
    expect(top).toEqual(expect.arrayContaining(['0x80072ee7', '0x80c8021c', '0x800704c7']));
    expect(result.confident).toBe(true);
  });

  it('puts the per-item entry first when the message is about individual files', () => {
    const items = ask('FileSyncErrorsReport lists 0x80070005 for a few files').result.matches[0];
    expect(items.kind).toBe('per-item-error');
    const session = ask('the sync session failed with 0x80070005').result.matches[0];
    expect(session.kind).toBe('session-error');
  });

  it('answers a pasted 9102 event from its HResult, not from the GUIDs in it', () => {
    const a = ask(
      'Replica Sync session completed.\nSyncDirection: Upload,\nHResult: -2134364065,\nCorrelationId: {80C83060-5B5C-461D-AAE6-4ED724762B65}\nPerItemErrorCount: 0,',
    );
    expect(a.result.codes.map((c) => c.hresult)).toEqual(['0x80c8305f']);
    expect(a.events[0]).toMatchObject({
      event: '9102',
      direction: 'Upload',
      hresult: '0x80c8305f',
    });
  });

  it('answers a question from free text', () => {
    const { result } = ask('how do I monitor recall activity on a server?');
    expect(result.confident).toBe(true);
    expect(result.matches[0].anchors).toContain('monitor-recall-activity');
  });

  it("does not read a server's name as words of the field", () => {
    const on = (q: string) =>
      ask(q)
        .result.matches.slice(0, 3)
        .map((m) => m.id);
    // "DC" alone is a domain controller, and brings the entry on installing the agent on one.
    // (A text that names the backup agent would also keep this sync entry away: see product-named.)
    expect(on('agent setup fails on the DC')).toContain('afs-agent-installation-on-dc');
    expect(on('agent setup fails on DC-BKP01')).not.toContain('afs-agent-installation-on-dc');
  });

  it('answers a MARS question with a MARS entry', () => {
    const { result } = ask(
      'Invalid vault credentials provided (ID: 34513) when registering the MARS agent',
    );
    expect(result.matches[0].anchors).toContain('invalid-vault-credentials-provided');
    expect(result.codes).toEqual([{ hresult: '0x000086d1', decimal: 34513, known: true }]);
  });

  it.each([
    'what is the weather in Seattle tomorrow',
    'how do I center a div',
    'banana keyboard purple',
  ])('gives no confident answer to off-topic text: %j', (q) => {
    const a = ask(q);
    expect(a.result.confident).toBe(false);
    expect(a.reason).toBe('off-topic');
  });

  it.each([
    'how to register a domain name',
    'file server is slow',
    'DFS replication backlog growing',
    'my disk is full how do I clean up winsxs',
  ])('gives no confident answer to text that only shares words with the knowledge: %j', (q) => {
    expect(ask(q).result.confident).toBe(false);
  });

  it('still answers a known code confidently whatever surrounds it', () => {
    expect(ask('Windows update error 0x80070002').result.confident).toBe(true);
  });

  it.each([
    ['empty text', ''],
    ['whitespace', ' \n\t '],
    ['control characters', '\u0000\u0001\u0007 0x80c8305f \u001b[31m'],
    ['lone surrogates', '\ud800 sync \udfff fails 0x80c8305f'],
  ])('survives %s', (_label, q) => {
    expect(() => ask(q)).not.toThrow();
  });

  it('keeps the query exactly as given, odd characters included', () => {
    const q = '\ud800 0x80c8305f';
    expect(ask(q).result.query).toBe(q);
    expect(ask(q).result.codes[0].hresult).toBe('0x80c8305f');
  });

  it('answers a 1 MB paste and refuses anything larger with a clear error', () => {
    const big = ('lorem ipsum dolor sit amet '.repeat(40000) + ' 0x80c8305f').slice(
      -MAX_INPUT_BYTES,
    );
    expect(ask(big).result.codes.map((c) => c.hresult)).toEqual(['0x80c8305f']);
    expect(() => matcher.ask('x'.repeat(MAX_INPUT_BYTES + 1))).toThrow(/over 1048576 bytes/);
  });

  it('refuses input that is not text', () => {
    expect(() => matcher.ask(42 as unknown as string)).toThrow(/must be text/);
  });
});

describe('ambiguous questions', () => {
  it('offers several candidates without confidence when different entries fit almost equally', () => {
    const a = new Matcher(loadIndex()).ask('sync session error');
    expect(a.result.confident).toBe(false);
    expect(a.result.verdict).toBe('did-you-mean');
    const shown = a.result.matches.slice(0, 3);
    expect(new Set(shown.map((m) => m.id)).size).toBe(3);
    for (const m of shown) expect(m.title).toMatch(/sync session/i);
    expect(shown.map((m) => m.title)).toContain('Sync session error.');
  });
});
