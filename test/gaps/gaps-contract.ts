/**
 * The gaps recorder against a real key/value store: one suite for every store (SQLite here,
 * Azure Blob through Azurite in test/storage/gaps-blob.test.ts).
 */
import { Writable } from 'node:stream';
import { GapStore } from '../../src/gaps/gap-store';
import { Gaps } from '../../src/gaps/gaps';
import { GAPS_PREFIX, GapRecord } from '../../src/gaps/record';
import { createLogger } from '../../src/log';
import { Matcher } from '../../src/matching/ask';
import { loadIndex } from '../../src/knowledge/load';
import type { KvStore } from '../../src/storage/kv-store';

const matcher = new Matcher(loadIndex());
const DAY = 86_400_000;

/** A clock the test moves. */
function clock(start = Date.parse('2026-11-01T08:00:00.000Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

export function gapsContract(name: string, open: () => Promise<KvStore>): void {
  describe(`gaps recording on ${name}`, () => {
    let kv: KvStore;
    let time: ReturnType<typeof clock>;
    let gaps: Gaps;
    let logged: string[];

    beforeEach(async () => {
      kv = await open();
      time = clock();
      logged = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          logged.push(chunk.toString());
          done();
        },
      });
      gaps = new Gaps({
        store: new GapStore(kv, 50),
        retentionDays: 30,
        admins: [],
        log: createLogger('warn', sink),
        now: time.now,
      });
    });

    const stored = async () => {
      const out: (GapRecord & { key: string })[] = [];
      for (const key of await kv.list(GAPS_PREFIX)) {
        const r = await kv.read(key);
        out.push({ ...GapRecord.parse(r?.value), key });
      }
      return out;
    };
    const ask = (text: string, names: string[] = []) => {
      const t = gaps.describe(text, matcher.ask(text));
      gaps.turn(t, names);
      return t;
    };

    it('keeps an unconfident question scrubbed, with its verdict, candidates and a count', async () => {
      const text =
        'files on FS01 under \\\\FS01\\Finance keep getting weird sync states, ask jane@contoso.com';
      const t = ask(text, ['Ada Admin']);
      ask(text);
      time.advance(60_000);
      ask(text.toUpperCase().replace('\\\\FS01', '\\\\fs01'));
      await gaps.settled();
      const [r, ...rest] = await stored();
      expect(rest).toEqual([]);
      expect(t.verdict).not.toBe('answer');
      expect(r.q).not.toMatch(/FS01|Finance|jane|contoso/i);
      expect(r.q).toContain('weird sync states');
      expect(r.count).toBe(3);
      expect(r.verdict).toBe(t.verdict);
      expect(r.shown).toEqual(t.shown);
      expect(r.firstSeen).toBe('2026-11-01T08:00:00.000Z');
      expect(r.lastSeen).toBe('2026-11-01T08:01:00.000Z');
      // Nothing about who asked or where.
      expect(JSON.stringify(r)).not.toMatch(/Ada|29:|a:personal|aadObjectId|conversation/);
      expect(Object.keys(r).sort()).toEqual(
        [
          'chosen',
          'count',
          'firstSeen',
          'key',
          'lastSeen',
          'notHelpful',
          'q',
          'shown',
          'v',
          'verdict',
        ].sort(),
      );
    });

    it('does not record a confident answer, nor an empty message', async () => {
      const t = ask('sync on the server fails with 0x80c8305f');
      expect(t.verdict).toBe('answer');
      ask('   ');
      await gaps.settled();
      expect(await kv.list(GAPS_PREFIX)).toEqual([]);
    });

    it('counts a "did you mean" choice and a "not helpful" vote against the question', async () => {
      const t = ask('how do I make the thing go faster for the big folder');
      await gaps.settled();
      gaps.chose(gaps.ref(t), 'entry-a');
      gaps.chose(gaps.ref(t), 'entry-a');
      gaps.chose(gaps.ref(t), 'entry-b');
      gaps.notHelpful(gaps.ref(t), 'entry-a');
      await gaps.settled();
      const [r] = await stored();
      expect(r.chosen).toEqual({ 'entry-a': 2, 'entry-b': 1 });
      expect(r.notHelpful).toEqual({ 'entry-a': 1 });
      expect(r.count).toBe(2);
    });

    it('records a "not helpful" vote on a confident answer as a new gap', async () => {
      const t = ask('sync on FS02 fails with 0x80c8305f');
      gaps.notHelpful(gaps.ref(t), 'some-entry');
      await gaps.settled();
      const [r] = await stored();
      expect(r).toMatchObject({ verdict: 'answer', count: 1, notHelpful: { 'some-entry': 1 } });
      expect(r.q).toBe('sync on [server] fails with 0x80c8305f');
    });

    it('records another match chosen under a confident answer as that answer corrected', async () => {
      const t = ask('how do I run AFSDiag on FS03 to collect traces');
      expect(t.verdict).toBe('answer');
      await gaps.settled();
      expect(await kv.list(GAPS_PREFIX)).toEqual([]);
      gaps.chose({ ...gaps.ref(t), ga: t.shown[0] }, 'entry-b');
      await gaps.settled();
      const [r] = await stored();
      expect(r).toMatchObject({
        verdict: 'answer',
        shown: [t.shown[0]],
        chosen: { 'entry-b': 1 },
        count: 1,
      });
      expect(r.q).toBe('how do I run AFSDiag on [server] to collect traces');
    });

    it('ignores card data that does not carry a valid gap reference', async () => {
      gaps.chose({ gap: '../../etc', gq: 'x' }, 'e');
      gaps.notHelpful({ gap: 'a'.repeat(24) }, 'e');
      gaps.chose(null, 'e');
      await gaps.settled();
      expect(await kv.list(GAPS_PREFIX)).toEqual([]);
    });

    it('loses no count when many turns record the same question at once', async () => {
      const text = 'why is the cloud tiering heat thing so odd on our volume';
      for (let i = 0; i < 20; i++) ask(text);
      await gaps.settled();
      const [r] = await stored();
      expect(r.count).toBe(20);
    });

    it('prunes records not seen within the retention period, and keeps the rest', async () => {
      ask('question one about odd tiering heat');
      time.advance(20 * DAY);
      ask('question two about strange upload pacing');
      await gaps.settled();
      time.advance(15 * DAY);
      expect(await gaps.prune()).toBe(1);
      const left = await stored();
      expect(left.map((r) => r.q)).toEqual(['question two about strange upload pacing']);
    });

    it('lists every readable record with its id, and counts the unreadable', async () => {
      for (let i = 0; i < 20; i++) ask(`odd listing question ${'y'.repeat(i + 1)} about pacing`);
      await gaps.settled();
      const keys = (await stored()).map((r) => r.key.slice(GAPS_PREFIX.length)).sort();
      await kv.write(`${GAPS_PREFIX}${'f'.repeat(24)}`, { v: 1, q: 42 });
      const { records, skipped } = await gaps.options.store.list();
      expect(skipped).toBe(1);
      expect(records).toHaveLength(20);
      expect(records.map((r) => r.key).sort()).toEqual(keys);
    });

    it('prunes a record that cannot be read', async () => {
      await kv.write(`${GAPS_PREFIX}${'0'.repeat(24)}`, { v: 2, junk: true });
      expect(await gaps.prune()).toBe(1);
      expect(await kv.list(GAPS_PREFIX)).toEqual([]);
    });

    it('stops adding questions at its cap and says so in the log', async () => {
      for (let i = 0; i < 55; i++)
        ask(`odd question number ${'x'.repeat(i + 1)} about sync pacing`);
      await gaps.settled();
      expect((await kv.list(GAPS_PREFIX)).length).toBe(50);
      expect(logged.join('')).toContain('gaps store full');
    });
  });
}
