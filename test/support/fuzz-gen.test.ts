import { MAX_BODY_BYTES } from '../../src/http/messages-route';
import { Rng, hugeText } from '../reliability/fuzz-gen';

describe("the fuzzer's 1 MB paste", () => {
  // 13755303 made a body of 2.4 MB, which the route refuses (413): the run expected a reply.
  it.each([13755303, 1, 2, 3, 1880848814])(
    'is a request the messages route takes (seed %i): about a megabyte, within the limit',
    (seed) => {
      const c = hugeText(new Rng(seed), 'http://127.0.0.1:1', 'a:fuzz-3000');
      expect(c.expect).toBe('reply');
      expect(Buffer.byteLength(c.body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      const text = (JSON.parse(c.body) as { text: string }).text;
      expect(Buffer.byteLength(JSON.stringify(text))).toBeGreaterThan(0.9 * 1024 * 1024);
    },
  );
});
