import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ERROR_CODES } from './errors';

/**
 * The values each label may take. Anything else is counted as `other`: a label value from a
 * request (an activity type, a conversation type) would otherwise make a new series per value,
 * and 20,000 made-up types grew `/metrics` to 29 MB.
 */
export const LABEL_VALUES = {
  type: [
    'message',
    'conversationUpdate',
    'installationUpdate',
    'invoke',
    'messageReaction',
    'messageUpdate',
    'messageDelete',
    'event',
    'typing',
    'endOfConversation',
  ],
  conversation: ['personal', 'groupChat', 'channel', 'unknown'],
  outcome: [
    'codes',
    'unknown-code',
    'text',
    'ambiguous',
    'vague',
    'off-topic',
    'empty',
    'command',
    'own-card',
  ],
  code: [...ERROR_CODES, 'turn_failed'],
  result: ['hit', 'miss', 'delivered', 'retry', 'failed', 'dropped'],
  helpful: ['true', 'false'],
  reason: [
    'invalid',
    'too_large',
    'too_deep',
    'query_too_long',
    'unauthorized',
    'rate_limited',
    'timeout',
  ],
} as const;

type LabelName = keyof typeof LABEL_VALUES;
const ALLOWED = {} as Record<LabelName, ReadonlySet<string>>;
for (const k of Object.keys(LABEL_VALUES) as LabelName[])
  ALLOWED[k] = new Set<string>(LABEL_VALUES[k]);

/** A label set with every value outside its fixed set replaced by `other`. */
export function closedLabels<L extends LabelName>(
  labels: Partial<Record<L, string>>,
): Partial<Record<L, string>> {
  const out: Partial<Record<L, string>> = {};
  for (const [k, v] of Object.entries(labels) as [L, string][])
    out[k] = ALLOWED[k].has(v) ? v : 'other';
  return out;
}

/** A counter whose labels come only from LABEL_VALUES. */
export class ClosedCounter<L extends LabelName> {
  private readonly counter: Counter<L>;

  constructor(registry: Registry, name: string, help: string, labelNames: readonly L[]) {
    this.counter = new Counter({ name, help, labelNames, registers: [registry] });
  }

  inc(labels: Partial<Record<L, string>>, value = 1): void {
    this.counter.inc(closedLabels(labels), value);
  }

  get(): ReturnType<Counter<L>['get']> {
    return this.counter.get();
  }
}

/** A histogram whose labels come only from LABEL_VALUES. */
export class ClosedHistogram<L extends LabelName> {
  private readonly histogram: Histogram<L>;

  constructor(
    registry: Registry,
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) {
    this.histogram = new Histogram({ name, help, labelNames, buckets, registers: [registry] });
  }

  observe(labels: Partial<Record<L, string>>, value: number): void {
    this.histogram.observe(closedLabels(labels), value);
  }
}

/** The counters and histograms `/metrics` exposes (Prometheus text format). */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = new ClosedCounter(
    this.registry,
    'afsbot_turns_total',
    'Authenticated activities handled, by activity type and conversation type',
    ['type', 'conversation'],
  );
  readonly turnSeconds = new ClosedHistogram(
    this.registry,
    'afsbot_turn_duration_seconds',
    'Time from receiving an activity to finishing its turn',
    ['type'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  readonly matches = new ClosedCounter(
    this.registry,
    'afsbot_matches_total',
    'Answers by outcome: codes, unknown-code, text, ambiguous, vague, off-topic, empty, command, own-card',
    ['outcome'],
  );
  readonly errors = new ClosedCounter(
    this.registry,
    'afsbot_errors_total',
    'Errors by stable code',
    ['code'],
  );
  readonly refused = new ClosedCounter(
    this.registry,
    'afsbot_requests_refused_total',
    'Requests refused before any work, by reason: invalid, too_large, too_deep, query_too_long, unauthorized, rate_limited, timeout',
    ['reason'],
  );
  readonly answerCache = new ClosedCounter(
    this.registry,
    'afsbot_answer_cache_total',
    'Message answers taken from the answer cache (hit) or worked out (miss)',
    ['result'],
  );
  readonly feedback = new ClosedCounter(
    this.registry,
    'afsbot_feedback_total',
    'Answer feedback from the card buttons',
    ['helpful'],
  );
  readonly notifications = new ClosedCounter(
    this.registry,
    'afsbot_notifications_total',
    'Proactive notification attempts by result: delivered, retry, failed, dropped',
    ['result'],
  );

  /** Where the parked-notification gauge reads its counts at each scrape (set by the app). */
  parkedSource: (() => Promise<Record<string, number>>) | null = null;
  readonly parked = new Gauge({
    name: 'afsbot_notifications_parked',
    help: 'Notifications given up and kept for an operator (afsbot outbox list), by outcome: failed, dropped',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
    collect: async () => {
      if (!this.parkedSource) return;
      for (const [outcome, n] of Object.entries(await this.parkedSource()))
        this.parked.set({ outcome }, n);
    },
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'afsbot_' });
  }

  /** Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
