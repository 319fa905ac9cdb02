import { messageText } from '../../src/bot/message-text';
import { breakAtUnderscores } from '../../src/cards/breakable';

describe('the text of a message', () => {
  it('drops the break opportunities a card put into a name copied from it', () => {
    const copied = breakAtUnderscores('ECS_E_SYNC_FILE_IN_USE');
    expect(copied).not.toBe('ECS_E_SYNC_FILE_IN_USE');
    expect(messageText({ text: `what is ${copied}` })).toBe('what is ECS_E_SYNC_FILE_IN_USE');
  });
});
