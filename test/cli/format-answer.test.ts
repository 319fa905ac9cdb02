import { formatAnswer } from '../../src/cli/format-answer';
import { loadIndex } from '../../src/knowledge/load';
import { Matcher } from '../../src/matching/ask';

const matcher = new Matcher(loadIndex());
const FAQ = 'Should I remove and recreate my server endpoint?';

describe('the terminal answer', () => {
  it('to a code sent with a question about deleting to fix it shows the FAQ, then the code', () => {
    const text = formatAnswer(
      matcher.ask('getting 0x80c8600d, should I delete the server endpoint and add it back?'),
    );
    const faq = text.indexOf(FAQ);
    const code = text.indexOf('Time out error.');
    expect(faq).toBeGreaterThanOrEqual(0);
    expect(code).toBeGreaterThan(faq);
    expect(text).toContain("Don't try to resolve sync issues by deprovisioning");
  });

  it('names the procedure a step is part of, by its id', () => {
    const text = formatAnswer(matcher.ask('how do I recall all tiered files'));
    expect(text).toContain('Recall all tiered files');
    expect(text).toMatch(/^Part of: afs-scenario-2-i-want-to-delete-server-endpoint/m);
  });

  it('names the section to run first when the commands use what it set', () => {
    const text = formatAnswer(matcher.ask('how do I make sure the azure file share exists'));
    expect(text).toContain('Ensure the Azure file share exists.');
    expect(text).toMatch(/^Run first: afs-troubleshoot-storage-account/m);
  });

  it('to the code alone shows the code entry and not the FAQ', () => {
    const text = formatAnswer(matcher.ask('getting 0x80c8600d'));
    expect(text).toContain('Time out error.');
    expect(text).not.toContain(FAQ);
  });
});
