import { missedTargets, QUALITY_FLOORS, type Quality } from '../../src/eval/quality';

const held: Quality = {
  questions: 36,
  top1: 30,
  top3: 34,
  confident: 25,
  confidentRight: 22,
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
    expect(missedTargets({ ...held, top1: 28 }, QUALITY_FLOORS)).toEqual(['top-1 under 80.0%']);
    expect(missedTargets({ ...held, turnedAway: 1 }, QUALITY_FLOORS)).toEqual([
      '1.0% or more turned away',
    ]);
  });
});
