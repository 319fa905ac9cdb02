import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';
import type { TextHit } from '../../src/matching/search';
import { MAX_PROBED_CHARS, MAX_PROBES, firstsWithoutEachWord } from '../../src/matching/stability';
import { WEIGHTS } from '../../src/matching/weights';

const matcher = new Matcher(loadIndex());
const all = (hits: TextHit[]) => hits;

describe('the best entry with each word of the question left out', () => {
  it.each([
    'vault credential file download portal',
    'storage firewall blocks sync share',
    'tiered files recall slow antivirus',
  ])('agrees with searching "%s" less each word', (q) => {
    const firsts = firstsWithoutEachWord(matcher.text, q, WEIGHTS.rank, all);
    const words = q.split(' ');
    expect(firsts).toEqual(
      words.map(
        (_, i) =>
          matcher.text.search(words.filter((_, j) => j !== i).join(' '), 15, 'bm25', WEIGHTS.rank)
            .hits[0]?.entry,
      ),
    );
  });

  it('is not worked out for one word, for many words or for a paste', () => {
    expect(firstsWithoutEachWord(matcher.text, 'recall', WEIGHTS.rank, all)).toBeNull();
    const many = [
      'vault',
      'credential',
      'download',
      'portal',
      'proxy',
      'agent',
      'backup',
      'restore',
      'cache',
    ];
    expect(many.length).toBeGreaterThan(MAX_PROBES);
    expect(firstsWithoutEachWord(matcher.text, many.join(' '), WEIGHTS.rank, all)).toBeNull();
    const paste = 'vault credential '.repeat(MAX_PROBED_CHARS / 10);
    expect(firstsWithoutEachWord(matcher.text, paste, WEIGHTS.rank, all)).toBeNull();
  });
});

describe('stable answers in the decision', () => {
  // Thresholds of the test's own, so that tuning the weights in use does not move the question
  // across them: its runner-up stands between the two ratios.
  // Its runner-up scores 0.66 of the best with the ranking in use.
  const decide = { ...WEIGHTS.decide, ambiguityRatio: 0.6, stableRatio: 0.7 };
  const loose = matcher.withWeights({ ...WEIGHTS, decide });
  const strict = matcher.withWeights({ ...WEIGHTS, decide: { ...decide, stableRatio: 0.6 } });
  const q = 'the vault credential file will not download from the portal';

  it('answers a question whose runner-up is close when every word supports the best entry', () => {
    const r = loose.ask(q).result;
    expect(r.verdict).toBe('answer');
    expect(r.matches[0].id).toBe('mars-unable-to-download-vault-credential-file');
  });

  it('offers a chooser for the same question when stability is not consulted', () => {
    const r = strict.ask(q).result;
    expect(r.verdict).toBe('did-you-mean');
    expect(r.matches[0].id).toBe('mars-unable-to-download-vault-credential-file');
  });

  it('still offers a chooser for a vague question', () => {
    expect(matcher.ask('sync error').result.verdict).toBe('did-you-mean');
    expect(matcher.ask('sync problem').result.verdict).toBe('did-you-mean');
    expect(matcher.ask('backup not working').result.verdict).toBe('did-you-mean');
  });
});
