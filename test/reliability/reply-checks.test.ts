import { answerCard } from '../../src/cards/answer-card';
import { loadIndex } from '../../src/knowledge/load';
import { cardProblems, markdownProblems } from './reply-checks';

describe('the markdown check the fuzzers apply to every reply', () => {
  it('flags what CommonMark reads as a tag or a link, outside code spans only', () => {
    expect(markdownProblems('a <b>x</b>')).toHaveLength(1);
    expect(markdownProblems('see <https://example.org>')).toHaveLength(1);
    expect(markdownProblems('[x](y)')).toHaveLength(1);
    expect(markdownProblems('a \\<b> and \\[x\\](y)')).toEqual([]);
    expect(markdownProblems('$region = "<Az\\_Region>"')).toEqual([]);
    expect(markdownProblems('run `Get-X -Name <string>` then `[Volume letter]:`')).toEqual([]);
    // Escaped backticks open no code span: what sits between them is checked.
    expect(markdownProblems('\\`<b>\\`')).toHaveLength(1);
  });

  it('finds nothing in the answer card of any entry of the committed index', () => {
    const problems = loadIndex().entries.flatMap((e) =>
      cardProblems(answerCard(e, {} as never)).map((p) => `${e.id}: ${p}`),
    );
    expect(problems).toEqual([]);
  });
});
