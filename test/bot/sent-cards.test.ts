import { SentCards } from '../../src/bot/sent-cards';
import { withFeedbackRecorded, type AdaptiveCard } from '../../src/cards';

const card = (text: string): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text }],
  actions: [],
  msteams: { width: 'Full' },
});

describe('the cards of sent messages', () => {
  it('forgets the least recently used first when the count is full', () => {
    const sent = new SentCards(2, 1_000_000);
    sent.remember('c', '1', [card('one')]);
    sent.remember('c', '2', [card('two')]);
    sent.get('c', '1');
    sent.remember('c', '3', [card('three')]);
    expect(sent.get('c', '2')).toBeUndefined();
    expect(sent.get('c', '1')?.[0].body[0].text).toBe('one');
    expect(sent.size).toBe(2);
  });

  it('keeps within its byte budget and refuses a card larger than it', () => {
    const sent = new SentCards(100, 600);
    sent.remember('c', 'big', [card('x'.repeat(1000))]);
    expect(sent.get('c', 'big')).toBeUndefined();
    for (let i = 0; i < 10; i++) sent.remember('c', String(i), [card(`card ${i}`)]);
    expect(sent.size).toBeLessThan(10);
    expect(sent.get('c', '9')).toBeDefined();
  });

  it('keeps the cards as they were sent, whatever later happens to the objects', () => {
    const sent = new SentCards();
    const sentCard = card('as sent');
    sent.remember('c', '1', [sentCard]);
    sentCard.body[0].text = 'changed afterwards';
    sent.get('c', '1')![0].body[0].text = 'changed by a reader';
    expect(sent.get('c', '1')?.[0].body[0].text).toBe('as sent');
  });

  it('keeps conversations apart', () => {
    const sent = new SentCards();
    sent.remember('a', '1', [card('in a')]);
    expect(sent.get('b', '1')).toBeUndefined();
  });
});

describe('a vote on a card', () => {
  it('turns an action set holding only the feedback pair into the thank-you line, in place', () => {
    const c = card('answer');
    c.body.push(
      {
        type: 'ActionSet',
        id: 'feedback-row',
        spacing: 'Medium',
        actions: [
          {
            type: 'Action.Execute',
            title: 'Helpful',
            verb: 'feedback',
            data: { entryId: 'e', helpful: true },
          },
          {
            type: 'Action.Execute',
            title: 'Not helpful',
            verb: 'feedback',
            data: { entryId: 'e', helpful: false },
          },
        ],
      },
      { type: 'TextBlock', text: 'after' },
    );
    const voted = withFeedbackRecorded(c, 'e');
    expect(voted.body.map((n) => n.text ?? n.type)).toEqual([
      'answer',
      'Thanks, your feedback was recorded.',
      'after',
    ]);
    expect(c.body).toHaveLength(3);
    expect(JSON.stringify(c)).toContain('"verb":"feedback"');
  });

  it('leaves the feedback of another entry on the same card alone', () => {
    const c = card('two answers');
    c.actions = [
      {
        type: 'Action.Execute',
        title: 'Helpful',
        verb: 'feedback',
        data: { entryId: 'a', helpful: true },
      },
      {
        type: 'Action.Execute',
        title: 'Helpful',
        verb: 'feedback',
        data: { entryId: 'b', helpful: true },
      },
    ];
    const voted = withFeedbackRecorded(c, 'a');
    expect(voted.actions).toEqual([c.actions[1]]);
  });
});
