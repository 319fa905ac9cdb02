import { LABEL_VALUES, Metrics } from '../src/metrics';

describe('metric labels', () => {
  it('counts a value outside its fixed set as other', async () => {
    const metrics = new Metrics(false);
    metrics.turns.inc({ type: 'message', conversation: 'personal' });
    metrics.turns.inc({ type: 'made-up', conversation: 'x'.repeat(500) });
    metrics.errors.inc({ code: 'ECONNRESET' });
    metrics.matches.inc({ outcome: 'codes' });
    const text = await metrics.text();
    expect(text).toMatch(/afsbot_turns_total\{type="message",conversation="personal"\} 1/);
    expect(text).toMatch(/afsbot_turns_total\{type="other",conversation="other"\} 1/);
    expect(text).toMatch(/afsbot_errors_total\{code="other"\} 1/);
    expect(text).not.toMatch(/made-up|ECONNRESET|xxxx/);
  });

  it('keeps /metrics the same size however many distinct values arrive', async () => {
    const metrics = new Metrics(false);
    metrics.refused.inc({ reason: 'not-a-reason' });
    metrics.turns.inc({ type: 'not-a-type', conversation: 'not-a-conversation' });
    const before = (await metrics.text()).length;
    for (let i = 0; i < 10_000; i++) {
      metrics.turns.inc({ type: `t${i}`, conversation: `c${i}` });
      metrics.refused.inc({ reason: `r${i}` });
    }
    expect((await metrics.text()).length).toBeLessThanOrEqual(before + 40);
  });

  it('knows every outcome the matcher reports and every error code', () => {
    expect(LABEL_VALUES.outcome).toEqual(
      expect.arrayContaining(['codes', 'unknown-code', 'text', 'ambiguous', 'off-topic', 'empty']),
    );
    expect(LABEL_VALUES.code).toEqual(
      expect.arrayContaining(['request_invalid', 'input_too_large']),
    );
  });
});
