import type { Answer } from '../matching/ask';
import type { Logger } from '../log';
import type { GapStore } from './gap-store';
import { bump, gapId, GapIdSchema, MAX_SHOWN, type GapRecord, type Verdict } from './record';
import { scrub } from './scrub';
import { tagCards } from './tag-cards';
import { verdictOf } from './verdict';
import { z } from 'zod';

/** What one message text produced, for the gaps: worked out once per text (the replies are cached). */
export interface GapTurn {
  id: string;
  /** The question, scrubbed. */
  q: string;
  verdict: Verdict;
  /** Entries shown, best first. */
  shown: string[];
  /** False for confident answers: only a "not helpful" vote records those. */
  record: boolean;
}

/** Candidates a "did you mean" card offers (src/cards/did-you-mean-card.ts shows as many). */
const CHOICES = 3;

/** The entries the person saw: the answer, the choices offered, or none. */
function shownOf(answer: Answer, verdict: Verdict): string[] {
  const n = verdict === 'answer' ? 1 : verdict === 'did-you-mean' ? CHOICES : 0;
  return answer.entries.slice(0, Math.min(n, MAX_SHOWN)).map((e) => e.id);
}

/** What the bot's cards carry back in an action's data, so a choice or vote finds its question. */
export const GapRef = z.object({
  gap: GapIdSchema,
  gq: z.string().min(1).max(300),
  /** The entry a confident answer gave, on its "Other matches" buttons: choosing one corrects it. */
  ga: z.string().min(1).max(200).optional(),
});
export type GapRef = z.infer<typeof GapRef>;

/** Longest question text a card's action data carries. */
export const MAX_REF_CHARS = 300;
/** What it carries when the full text would take a message past the size Teams accepts. */
const SHORT_REF_CHARS = 40;
/** Cards of one message after tagging, at most (Teams refuses messages over 40 KB). */
export const MAX_TAGGED_BYTES = 39 * 1024;

export interface GapsOptions {
  store: GapStore;
  /** Records not seen for this many days are pruned. */
  retentionDays: number;
  /** Entra object ids of the people who may see the gaps in Teams. */
  admins: string[];
  log: Logger;
  now(): Date;
}

/**
 * The knowledge-gaps loop: records the questions the bot could not answer confidently and the
 * answers voted "not helpful" (scrubbed, counted, nothing about who asked), the entries people
 * then chose from "did you mean", and prunes what is older than the retention period.
 * Recording never delays or fails a turn: writes run in the background and failures are logged.
 */
export class Gaps {
  private readonly pending = new Set<Promise<void>>();
  /** Writes per record run one after another, so one instance does not conflict with itself. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly admins: Set<string>;

  constructor(readonly options: GapsOptions) {
    this.admins = new Set(options.admins.map((a) => a.toLowerCase()));
  }

  /** The gap view of an answer to `text` (pure; cached with the reply). */
  describe(text: string, answer: Answer): GapTurn {
    const q = scrub(text).trim();
    const verdict = verdictOf(answer);
    return {
      id: gapId(q),
      q,
      verdict,
      shown: shownOf(answer, verdict),
      record: verdict !== 'answer' && verdict !== 'empty' && q !== '',
    };
  }

  /** Records a turn that was not answered confidently; `names` are the sender's, to remove too. */
  turn(t: GapTurn, names: (string | undefined)[] = []): void {
    if (!t.record) return;
    const q = scrub(t.q, { names }).trim();
    if (!q) return;
    const at = this.now();
    this.change(gapId(q), (r) => this.seen(r, q, t.verdict, t.shown, at));
  }

  /**
   * A "did you mean" choice, or another match chosen under a confident answer (`show` with a gap
   * reference): a suggestion for the question's entry.
   */
  chose(ref: unknown, entryId: string, names: (string | undefined)[] = []): void {
    const parsed = GapRef.safeParse(ref);
    if (!parsed.success) return;
    const at = this.now();
    const { gap, gq, ga } = parsed.data;
    this.change(gap, (r) => {
      // Another match chosen under a confident answer: the question is recorded as answered
      // with that entry, and the choice says which entry it should have been.
      const base =
        r ??
        this.seen(null, scrub(gq, { names }), ga ? 'answer' : 'did-you-mean', ga ? [ga] : [], at);
      return { ...base, chosen: bump(base.chosen, entryId), lastSeen: at };
    });
  }

  /** A "not helpful" vote on an answer given to a question. */
  notHelpful(ref: unknown, entryId: string, names: (string | undefined)[] = []): void {
    const parsed = GapRef.safeParse(ref);
    if (!parsed.success) return;
    const at = this.now();
    this.change(parsed.data.gap, (r) => {
      const base =
        r ?? this.seen(null, scrub(parsed.data.gq, { names }), 'answer', [entryId], at, 0);
      return {
        ...base,
        count: base.count + 1,
        notHelpful: bump(base.notHelpful, entryId),
        lastSeen: at,
      };
    });
  }

  /** The data a card's actions carry for this turn. */
  ref(t: GapTurn): GapRef {
    return { gap: t.id, gq: t.q.slice(0, MAX_REF_CHARS) };
  }

  /**
   * The reply's cards with the turn's reference on their feedback buttons, on the choices of a
   * "did you mean", and on the "Other matches" of an answer (with the entry it answered).
   */
  tag<T extends object>(cards: T[], t: GapTurn): T[] {
    if (!t.q) return cards;
    const choices = t.verdict === 'did-you-mean';
    const answered = t.verdict === 'answer' ? t.shown[0] : undefined;
    const refs = (ref: GapRef) => ({
      ref,
      choices,
      others: answered ? { ...ref, ga: answered } : undefined,
    });
    const tagged = tagCards(cards, refs(this.ref(t)));
    if (Buffer.byteLength(JSON.stringify(tagged)) <= MAX_TAGGED_BYTES) return tagged;
    // Many buttons on a full message: the id and the question's head only.
    return tagCards(cards, refs({ gap: t.id, gq: t.q.slice(0, SHORT_REF_CHARS) }));
  }

  /** A card sent in answer to a card action, its feedback buttons carrying the action's reference. */
  retag<T extends object>(card: T, data: unknown): T {
    const parsed = GapRef.safeParse(data);
    return parsed.success ? tagCards([card], { ref: parsed.data, choices: false })[0] : card;
  }

  /** Whether the sender may see the gaps: an admin's object id, on an authenticated request. */
  isAdmin(aadObjectId: string | undefined, authenticated: boolean): boolean {
    return authenticated && !!aadObjectId && this.admins.has(aadObjectId.toLowerCase());
  }

  /** Deletes what was last seen before the retention period. */
  prune(): Promise<number> {
    const before = new Date(this.options.now().getTime() - this.options.retentionDays * 86_400_000);
    return this.options.store.prune(before);
  }

  /** Prunes in the background (start-up and daily), logging what it removed or why it failed. */
  pruneLogged(): void {
    const run = this.prune().then(
      (n) => {
        if (n) this.options.log.info({ removed: n }, 'old knowledge gaps pruned');
      },
      (err: unknown) => this.options.log.warn({ err }, 'knowledge gaps prune failed'),
    );
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  /** Resolves when every recording started so far has been written (or has failed and been logged). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private now(): string {
    return this.options.now().toISOString();
  }

  private seen(
    r: GapRecord | null,
    q: string,
    verdict: Verdict,
    shown: string[],
    now: string,
    add = 1,
  ): GapRecord {
    return {
      v: 1,
      q: r?.q ?? q,
      verdict,
      shown: shown.length ? shown.slice(0, MAX_SHOWN) : (r?.shown ?? []),
      chosen: r?.chosen ?? {},
      notHelpful: r?.notHelpful ?? {},
      count: (r?.count ?? 0) + add,
      firstSeen: r?.firstSeen ?? now,
      lastSeen: now,
    };
  }

  private change(id: string, fn: (r: GapRecord | null) => GapRecord): void {
    const previous = this.chains.get(id) ?? Promise.resolve();
    const run = previous
      .then(() => this.options.store.update(id, fn))
      .then(
        (kept) => {
          if (!kept) this.options.log.warn({ gap: id }, 'gaps store full: question not recorded');
        },
        (err: unknown) => this.options.log.warn({ err, gap: id }, 'gap not recorded'),
      );
    this.chains.set(id, run);
    this.pending.add(run);
    void run.finally(() => {
      this.pending.delete(run);
      if (this.chains.get(id) === run) this.chains.delete(id);
    });
  }
}
