import { replay, withPhrasings } from '../../src/eval/replay';
import { exportLines } from '../../src/gaps/export';
import { gapId } from '../../src/gaps/record';
import { verdictOf } from '../../src/gaps/verdict';
import { phrasingKey } from '../../src/knowledge/import/build';
import { Matcher } from '../../src/matching/ask';
import { gap, index } from './fixtures';

const QUESTION = 'why does our sync use so much bandwidth at night on server';
const target = index.entries.find((e) => phrasingKey(e) && e.kind === 'question')!;
const key = phrasingKey(target)!;

describe('the eval replay', () => {
  it('adds phrasings to the entries under their key only, as knowledge build does', () => {
    const next = withPhrasings(index, { [key]: [QUESTION] });
    const changed = next.entries.filter((e, i) => e !== index.entries[i]);
    expect(changed.map((e) => e.id)).toEqual([target.id]);
    expect(changed[0].keywords.at(-1)).toBe(QUESTION);
    expect(index.entries.find((e) => e.id === target.id)!.keywords).not.toContain(QUESTION);
  });

  it('answers the exported questions before and after, and scores the expected entry', () => {
    const before = new Matcher(index).ask(QUESTION);
    expect(before.result.confident).toBe(false);
    const { lines, clusters } = exportLines([gap(QUESTION, 3, { verdict: verdictOf(before) })]);
    const r = replay(lines, index, { [key]: [QUESTION] }, new Map([[clusters[0].id, target.id]]));
    expect(r).toMatchObject({ n: 1, withExpected: 1, evalHeld: true });
    expect(r.before.right).toBe(0);
    expect(r.after.right).toBe(1);
    expect(r.changes).toEqual([
      {
        id: gapId(QUESTION),
        q: QUESTION,
        expected: target.id,
        before: verdictOf(before),
        after: `answer ${target.id}`,
      },
    ]);
  });

  it('scores the eval set both ways, and says when a phrasing costs it an answer', () => {
    const q = {
      id: 'x1',
      category: 'question-x',
      q: 'sync fails with 0x80c8305f',
      expect: { hresult: '0x80c8305f' },
    };
    const held = replay([], index, {}, new Map(), [q]);
    expect(held.evalSet).toEqual([
      { group: 'codes', n: 0, before: 0, after: 0, min: 1 },
      { group: 'questions', n: 1, before: 1, after: 1, min: 0.9 },
      { group: 'rejections', n: 0, before: 0, after: 0, min: 0.95 },
      { group: 'traps', n: 0, before: 0, after: 0, min: 0.95 },
    ]);
    // The same words filed under another entry, in three wordings, make that entry win: the
    // question is lost.
    const share = {
      id: 'x2',
      category: 'question-x',
      q: 'how do I check the azure file share referenced by the cloud endpoint still exists',
      expect: { anchors: ['troubleshoot-azure-file-share', 'common-troubleshooting-steps'] },
    };
    const wordings = [share.q, share.q.replace('how do I', 'how to'), `${share.q}?`];
    const lost = replay([], index, { [key]: wordings }, new Map(), [share]);
    expect(lost.evalSet!.find((g) => g.group === 'questions')).toMatchObject({
      before: 1,
      after: 0,
    });
    expect(lost.evalHeld).toBe(false);
    expect(lost.evalLost).toEqual([{ id: 'x2', q: share.q }]);
    expect(held.evalLost).toEqual([]);
  });
});
