import type { EvalQuery } from '../../src/eval/score';
import { summarise, summariseBy, type Outcome } from '../../src/eval/summary';

describe('the cross-validated figures per batch', () => {
  const q = (id: string, expect: EvalQuery['expect']): EvalQuery => ({
    id,
    category: 'question-sync',
    q: id,
    expect,
  });
  const outcome = (top1: boolean, confident: boolean): Outcome => ({
    rr: top1 ? 1 : 0,
    top1,
    top3: top1,
    confident,
    turnedAway: false,
  });

  it('count each batch apart, and together give the whole', () => {
    const queries = [
      q('a', { anchors: ['x'] }),
      q('b', { anchors: ['x'] }),
      q('c', { reject: true }),
      q('d', { anchors: ['y'] }),
    ];
    const outs = [
      outcome(true, true),
      outcome(false, true),
      outcome(false, false),
      outcome(true, false),
    ];
    const groups = ['first', 'b5', 'b5', 'first'];
    const ids = [0, 1, 2, 3];
    const by = summariseBy(queries, outs, ids, groups);
    expect([...by.keys()]).toEqual(['first', 'b5']);
    expect(by.get('first')).toMatchObject({ n: 2, top1: 2, confident: 1, confidentRight: 1 });
    expect(by.get('b5')).toMatchObject({ n: 1, top1: 0, confident: 1, probes: 1, rejected: 1 });
    const whole = summarise(queries, outs, ids);
    for (const k of ['n', 'top1', 'top3', 'confident', 'confidentRight', 'probes'] as const)
      expect([...by.values()].reduce((t, s) => t + s[k], 0)).toBe(whole[k]);
  });
});
