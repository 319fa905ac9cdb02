import { ANSWERED_BY, intentOf } from '../../src/matching/intent';

describe('the intent a question states', () => {
  it.each([
    'how do I recall all tiered files',
    'How to disable cloud tiering on one endpoint',
    'quick one: how can we check sync progress',
    "what's the safe way to remove a server endpoint",
    'is there a way to see which files fail',
  ])('%j asks how to do something', (q) => {
    expect(intentOf(q)).toBe('how');
  });

  it.each([
    'what does No Activity mean on my endpoint',
    'the portal shows 0x80c8029c every night, is that normal?',
    'thousands of per-item errors, should I worry',
  ])('%j asks what something means', (q) => {
    expect(intentOf(q)).toBe('meaning');
  });

  it.each(['sync fails on FS01', 'files created in the share take a day to appear', ''])(
    '%j states no intent',
    (q) => {
      expect(intentOf(q)).toBeNull();
    },
  );

  it('is answered by procedures for how, by errors and statuses for meaning', () => {
    expect(ANSWERED_BY.how.has('procedure')).toBe(true);
    expect(ANSWERED_BY.how.has('session-error')).toBe(false);
    expect(ANSWERED_BY.meaning.has('health-status')).toBe(true);
    expect(ANSWERED_BY.meaning.has('procedure')).toBe(false);
  });

  it('reads only the head of a long paste', () => {
    expect(intentOf(`${'x '.repeat(400)} how do I fix it`)).toBeNull();
  });
});
