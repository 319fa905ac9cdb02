import { answerCard, cardForAnswer, type AdaptiveCard } from '../cards';
import type { Gaps } from '../gaps/gaps';
import type { Entry } from '../knowledge/schema';
import type { Logger } from '../log';
import type { Matcher } from '../matching/ask';
import type { Metrics } from '../metrics';
import type { BotStore } from '../storage/bot-store';
import { AnswerCache, type CachedAnswer } from './answer-cache';
import { FeedbackData, ShowData } from './action-data';

/** What the answers are made from; the hosts (bot, HTTP, CLI) share one instance. */
export interface AnswersDeps {
  matcher: Matcher;
  /** Ask counts and votes. */
  store: BotStore;
  metrics: Metrics;
  /** The knowledge-gaps recorder; absent unless GAPS_RETENTION_DAYS is set. */
  gaps?: Gaps;
  /** Answers kept by message text (0 keeps none). */
  cacheSize: number;
  now(): Date;
}

/** Who pressed a button, in which conversation (ids as Teams gives them). */
export interface Voter {
  userId: string;
  conversationId: string;
  name?: string;
}

/**
 * Questions that warm the lazily built parts (templating engine, typo index): a code, and a
 * misspelt word (six letters or more, as corrections need) so the typo index is built now rather
 * than on someone's question.
 */
const WARM_UP = ['0x80c8305f', 'how do I monitor sync health on a server endpont'];

/**
 * Ask, then build cards, once for every host: a message in Teams, `/api/ask` for the tab and the
 * playground, the warm-up. Also what the card buttons do to the knowledge (open an entry, vote).
 * Host-free: no Bot Framework and no HTTP; replies are cards and text, which the host sends.
 */
export class Answers {
  readonly matcher: Matcher;
  private readonly cache: AnswerCache;

  constructor(private readonly deps: AnswersDeps) {
    this.matcher = deps.matcher;
    this.cache = new AnswerCache(deps.cacheSize);
  }

  /** The gaps recorder, when it is on. */
  get gaps(): Gaps | undefined {
    return this.deps.gaps;
  }

  /** An entry by id. */
  entry(id: string): Entry | undefined {
    return this.deps.matcher.entry(id);
  }

  /**
   * The answer to a message text: from the cache when the same text was answered before, else
   * worked out by the matcher and the card templates. Throws AppError for input that is not
   * text the matcher reads (too large).
   */
  reply(text: string): CachedAnswer {
    const kept = this.cache.get(text);
    this.deps.metrics.answerCache.inc({ result: kept ? 'hit' : 'miss' });
    return kept ?? this.cache.set(text, this.work(text));
  }

  /** What a conversation records of an answer it was given: the gap (if any) and the ask count. */
  answered(reply: CachedAnswer, names: (string | undefined)[]): void {
    if (reply.gap) this.deps.gaps?.turn(reply.gap, names);
    if (reply.asked) this.deps.store.recordAsked(reply.asked);
  }

  /** One entry's answer card, its related entries named by title. */
  entryCard(entry: Entry): AdaptiveCard {
    return answerCard(entry, { lookup: (id) => this.entry(id) });
  }

  /**
   * A "show" button (related entries, did you mean): the entry it names as a card, counted as
   * asked (and as the choice for the question's gap). Undefined for data naming no entry.
   */
  open(
    data: unknown,
    names: (string | undefined)[],
  ): { entry: Entry; card: AdaptiveCard } | undefined {
    const parsed = ShowData.safeParse(data);
    const entry = parsed.success ? this.entry(parsed.data.entryId) : undefined;
    if (!entry) return undefined;
    this.deps.store.recordAsked(entry.id);
    this.deps.gaps?.chose(data, entry.id, names);
    const card = this.entryCard(entry);
    return { entry, card: this.deps.gaps ? this.deps.gaps.retag(card, data) : card };
  }

  /** A feedback button: the vote recorded and counted; the entry voted on, or undefined for bad data. */
  vote(data: unknown, voter: Voter): Entry | undefined {
    const parsed = FeedbackData.safeParse(data);
    const entry = parsed.success ? this.entry(parsed.data.entryId) : undefined;
    if (!parsed.success || !entry) return undefined;
    this.deps.store.recordFeedback({
      entryId: entry.id,
      helpful: parsed.data.helpful,
      userId: voter.userId,
      conversationId: voter.conversationId,
      at: this.deps.now().toISOString(),
    });
    this.deps.metrics.feedback.inc({ helpful: String(parsed.data.helpful) });
    if (!parsed.data.helpful) this.deps.gaps?.notHelpful(data, entry.id, [voter.name]);
    return entry;
  }

  /** Entries for a search box: the matches for `text`, or with no text those asked most. */
  suggest(text: string, limit: number): Entry[] {
    if (text) return this.deps.matcher.ask(text).entries.slice(0, limit);
    const asked = this.deps.store
      .mostAsked(limit)
      .map((id) => this.entry(id))
      .filter((e): e is Entry => !!e);
    return asked.length
      ? asked
      : this.deps.matcher.index.entries.filter((e) => e.kind === 'question').slice(0, limit);
  }

  /** Runs the warm-up questions through the whole answer path (uncached, uncounted). */
  warmUp(log: Logger): void {
    try {
      for (const q of WARM_UP) this.work(q);
    } catch (err) {
      log.warn({ err }, 'warm-up failed');
    }
  }

  /** The answer to a message text, worked out by the matcher and the card templates. */
  private work(text: string): CachedAnswer {
    const answer = this.deps.matcher.ask(text);
    const gaps = this.deps.gaps;
    const gap = gaps?.describe(text, answer);
    const cards = cardForAnswer(answer, (id) => this.entry(id));
    const first = answer.entries[0];
    const asked = answer.result.verdict === 'answer' && first ? first : undefined;
    return {
      reason: answer.reason,
      result: answer.result,
      cards,
      ...(asked ? { asked: asked.id, summary: asked.title } : {}),
      ...(gap ? { gap } : {}),
      ...(gaps && gap ? { tagged: gaps.tag(cards, gap) } : {}),
    };
  }
}
