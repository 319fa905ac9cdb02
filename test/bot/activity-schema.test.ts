import { checkActivity } from '../../src/bot/activity-schema';
import * as A from '../support/activities';

const SVC = 'https://smba.example.test/emea/';

describe('the activity schema the HTTP host checks bodies with', () => {
  it('accepts a Teams message and gives the host its id, type and kind of conversation', () => {
    const activity = A.personal(SVC, 'hello');
    expect(checkActivity(activity)).toEqual({
      ok: true,
      activity: { id: activity.id, type: 'message', conversationType: 'personal' },
    });
  });

  it('refuses a conversation id the SDK could not put into a URL, naming the field', () => {
    const checked = checkActivity({ ...A.personal(SVC, 'hi'), conversation: { id: 'a\ud800' } });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.issues[0].path).toEqual(['conversation', 'id']);
  });

  it('refuses a mention without the text the SDK strips', () => {
    const body = A.personal(SVC, 'hi', { entities: [{ type: 'mention', mentioned: A.BOT }] });
    expect(checkActivity(body).ok).toBe(false);
  });
});
