import { TestAdapter } from 'botbuilder';
import { TYPING_DELAY_MS, typingIndicator } from '../../src/bot/typing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the typing indicator', () => {
  it('shows typing while a slow turn works, then the reply', async () => {
    const adapter = new TestAdapter(async (context) => {
      await sleep(TYPING_DELAY_MS + 200);
      await context.sendActivity('done');
    });
    adapter.use(typingIndicator());
    await adapter
      .send('status rg/sss/sg')
      .assertReply((a) => expect(a.type).toBe('typing'))
      .assertReply('done');
  });

  it('sends no typing for a turn that answers at once', async () => {
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity('done');
    });
    adapter.use(typingIndicator());
    await adapter.send('0x80c8305f').assertReply('done').assertNoReply();
  });
});
