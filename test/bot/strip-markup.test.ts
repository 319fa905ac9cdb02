import { stripMarkup } from '../../src/bot/strip-markup';
import { messageText } from '../../src/bot/message-text';
import { work } from '../../src/matching/work';
import { repeatTo } from '../bench/hostile-corpus';

/** The regular expressions the scanner replaced: the reference for ordinary messages. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};
const reference = (text: string) =>
  text
    .replace(/<at\b[^>]*>.*?<\/at>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]{1,200}>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m);

describe('reducing Teams message HTML to text', () => {
  it.each([
    '<at>afsbot</at> sync fails with 0x80c8305f',
    '<p>first line</p><div>second <b>bold</b></div>third<br/>fourth<br >fifth',
    'hi <at>Ana Silva</at> and <AT id="1">Bo</AT>, see &lt;this&gt; &amp; &quot;that&quot; &#39;x&#39;&nbsp;y',
    'a < b and c > d, 2 <3',
    '<at>open mention\nacross lines</at> stays text',
    'unclosed <at>bot and more',
    '&amp &ampx; &lt;&gt; <> <>> <<a>>',
    `${'x'.repeat(50)}<${'y'.repeat(250)}>${'z'.repeat(10)}`,
    'İstanbul <AT>Bot</AT> ÀÉ <B>x</B>',
  ])('reads %j as the former expressions did', (html) => {
    expect(stripMarkup(html)).toBe(reference(html));
  });

  it('strips the bot mention Teams puts in a channel message', () => {
    const text = messageText({
      text: '<at>afsbot</at> what does 0x80c8305f mean?',
      recipient: { id: 'bot', name: 'afsbot' },
      entities: [
        { type: 'mention', text: '<at>afsbot</at>', mentioned: { id: 'bot', name: 'afsbot' } },
      ],
    });
    expect(text).toBe('what does 0x80c8305f mean?');
  });

  it.each(['<at>', '<at ', '<AT x=', '<', '<br', '&amp', '</at>'])(
    'reads 256 KB of %j with a few units of work per character',
    (unit) => {
      const text = repeatTo(unit, 256 * 1024);
      work.take();
      stripMarkup(text);
      const units = work.take();
      expect(units).toBeGreaterThanOrEqual(text.length);
      expect(units).toBeLessThanOrEqual(8 * text.length);
    },
  );
});
