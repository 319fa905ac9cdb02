import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The counters and histograms `/metrics` exposes (Prometheus text format). */
export class Metrics {
  readonly registry = new Registry();
  readonly turns = new Counter({
    name: 'afsbot_turns_total',
    help: 'Activities handled, by activity type and conversation type',
    labelNames: ['type', 'conversation'] as const,
    registers: [this.registry],
  });
  readonly turnSeconds = new Histogram({
    name: 'afsbot_turn_duration_seconds',
    help: 'Time from receiving an activity to finishing its turn',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly matches = new Counter({
    name: 'afsbot_matches_total',
    help: 'Answers by outcome: codes, unknown-code, text, ambiguous, off-topic, empty, command, own-card',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'afsbot_errors_total',
    help: 'Errors by stable code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly answerCache = new Counter({
    name: 'afsbot_answer_cache_total',
    help: 'Message answers taken from the answer cache (hit) or worked out (miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly feedback = new Counter({
    name: 'afsbot_feedback_total',
    help: 'Answer feedback from the card buttons',
    labelNames: ['helpful'] as const,
    registers: [this.registry],
  });

  readonly notifications = new Counter({
    name: 'afsbot_notifications_total',
    help: 'Proactive notification attempts by result: delivered, retry, failed, dropped',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'afsbot_' });
  }

  /** Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
