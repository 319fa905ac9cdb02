import {
  intervalLine,
  missedTargets,
  quality,
  qualityLine,
  QUALITY_FLOORS,
  wilson,
  type Quality,
} from '../../src/eval/quality';
import type { AskResult } from '../../src/matching/ask';
import { MAX_OTHERS } from '../../src/cards/other-matches';
import { MAX_CANDIDATES } from '../../src/cards/did-you-mean-card';

const held: Quality = {
  questions: 36,
  top1: 32,
  top3: 34,
  onCard: 33,
  confident: 25,
  confidentRight: 24,
  turnedAway: 0,
  probes: 8,
  rejected: 8,
};

describe('goals and floors of the held-out questions', () => {
  it('names the goals not yet met while every floor holds', () => {
    expect(missedTargets(held, QUALITY_FLOORS)).toEqual([]);
    expect(missedTargets(held)).toEqual([
      'top-1 under 90.0%',
      'top-3 under 97.0%',
      'precision of confident answers under 97.0%',
    ]);
  });

  it('fails a floor when a landing falls under what has been reached', () => {
    expect(missedTargets({ ...held, top1: 31 }, QUALITY_FLOORS)).toEqual(['top-1 under 88.0%']);
    expect(missedTargets({ ...held, turnedAway: 1 }, QUALITY_FLOORS)).toEqual([
      '1.0% or more turned away',
    ]);
  });

  it('counts the right entry as on the card: a chooser and an answer to free text list three, an answer to codes one', () => {
    const code = { hresult: '0x80c8305f', decimal: -2134364065, known: true };
    const result = (verdict: AskResult['verdict'], codes: AskResult['codes'] = []) =>
      ({
        query: 'q',
        confident: verdict === 'answer',
        verdict,
        codes,
        matches: [],
      }) as AskResult;
    const q = quality([
      { probe: false, top1: false, top3: true, result: result('did-you-mean') },
      // A free-text answer: the right entry second is under "Other matches".
      { probe: false, top1: false, top3: true, result: result('answer') },
      { probe: false, top1: true, top3: true, result: result('answer') },
      { probe: false, top1: false, top3: true, result: result('off-topic') },
      { probe: false, top1: false, top3: false, result: result('did-you-mean') },
      // An answer to a code shows that code's entry alone.
      { probe: false, top1: false, top3: true, result: result('answer', [code]) },
    ]);
    expect(q.onCard).toBe(4);
    expect(qualityLine('set', q)).toContain('on the card 66.7%');
  });

  it('counts as many entries on an answer card as the card shows', () => {
    // The answer and its other matches are the three a chooser offers, which `top3` scores.
    expect(1 + MAX_OTHERS).toBe(MAX_CANDIDATES);
    expect(MAX_CANDIDATES).toBe(3);
  });
});

describe('how far a measured share can be from the true one', () => {
  it('gives the Wilson score interval at 95%', () => {
    // Textbook values: 0 of 10 and 5 of 10.
    const [lo0, hi0] = wilson(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.2775, 4);
    const [lo5, hi5] = wilson(5, 10);
    expect(lo5).toBeCloseTo(0.2366, 4);
    expect(hi5).toBeCloseTo(0.7634, 4);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it('narrows as questions are added', () => {
    const width = ([lo, hi]: [number, number]) => hi - lo;
    expect(width(wilson(148, 181))).toBeLessThan(width(wilson(74, 90)));
  });

  it('names the goals above the whole interval, and only those', () => {
    // 36 questions: top-1 83.3% could be 68-92%, so 90% is within reach of chance; top-3 94.4% too.
    expect(intervalLine('held', { ...held, top1: 30, confidentRight: 22 })).toBe(
      'held, 95% intervals: top-1 68.1-92.1%, top-3 81.9-98.5%, ' +
        'precision of confident answers 70.0-95.8%; goals above the interval: precision',
    );
    const many: Quality = {
      ...held,
      questions: 400,
      top1: 300,
      top3: 390,
      confident: 0,
      confidentRight: 0,
    };
    expect(intervalLine('many', many)).toMatch(/goals above the interval: top-1$/);
    expect(intervalLine('many', many)).toContain('precision of confident answers -;');
  });
});
