import { gapsCard, MAX_CARD_CLUSTERS } from '../../src/cards/gaps-card';
import { clusterGaps } from '../../src/gaps/cluster';
import { jsonBytes, MAX_CARD_BYTES } from '../../src/cards/types';
import { validateCard } from '../support/validate-card';
import { cardProblems } from '../reliability/reply-checks';
import { hostileQuery } from '../cards/fixtures';
import { cardOptions, clusters, entryIds, gap, title } from './fixtures';

const text = (card: unknown) => JSON.stringify(card);

describe('the gaps card', () => {
  it('is a valid card that shows each cluster: question, counts, what was shown and chosen', () => {
    const card = gapsCard(clusters, cardOptions);
    expect(validateCard(card)).toEqual([]);
    const t = text(card);
    expect(t).toContain(
      'files on \\\\[server\\\\] show a grey x and never come back from the cloud',
    );
    // The two grey-x questions are one cluster, counted together, with its choices named.
    expect(t).toContain('10× · 2 questions · did you mean 10');
    expect(t).toContain(`${title(entryIds[5])} (6)`);
    expect(t).toContain('Not helpful');
    expect(t).toContain(clusters[0].id);
    expect(t).toContain('afsbot gaps phrasings --assign');
  });

  it('escapes questions, so recorded text cannot format the card or add links', () => {
    const card = gapsCard(
      clusterGaps([
        gap(hostileQuery, 1),
        gap('see https://evil.example and ops@contoso.com now', 1),
      ]),
      cardOptions,
    );
    expect(cardProblems(card)).toEqual([]);
    const t = text(card);
    expect(t).not.toContain('[click](');
    expect(t).not.toMatch(/https?:\/\/(?!adaptivecards)/);
  });

  it('says so when nothing was recorded', () => {
    const card = gapsCard([], { ...cardOptions, questions: 0 });
    expect(validateCard(card)).toEqual([]);
    expect(text(card)).toContain('No questions recorded yet');
  });

  it('shows the most frequent clusters only and stays under the size limit with long questions', () => {
    const many = clusterGaps(
      Array.from({ length: 300 }, (_, i) =>
        gap(`unique${i} ${'lorem ipsum dolor '.repeat(60)} word${i}x question ${i}`, (i % 7) + 1, {
          chosen: Object.fromEntries(entryIds.slice(0, 20).map((id, k) => [id, k + 1])),
          notHelpful: Object.fromEntries(entryIds.slice(20, 40).map((id, k) => [id, k + 1])),
        }),
      ),
    );
    const card = gapsCard(many, { ...cardOptions, questions: 300 });
    expect(validateCard(card)).toEqual([]);
    expect(jsonBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(text(card)).toContain(`the ${MAX_CARD_CLUSTERS} most frequent are shown`);
  });
});
