import { verdictOf } from '../../src/gaps/verdict';
import { matcher } from '../cards/fixtures';

describe('the verdict recorded for a turn', () => {
  it('is what the person was shown', () => {
    expect(verdictOf(matcher.ask('sync fails with 0x80c8305f'))).toBe('answer');
    expect(verdictOf(matcher.ask('sync fails with 0x80c8ffff'))).toBe('unknown-code');
    expect(verdictOf(matcher.ask("what's the weather tomorrow"))).toBe('off-topic');
    expect(verdictOf(matcher.ask('   '))).toBe('empty');
    expect(
      verdictOf(
        matcher.ask(
          'server endpoint health No Activity on FS01 and registered servers blade says Appears offline',
        ),
      ),
    ).toBe('did-you-mean');
  });
});
