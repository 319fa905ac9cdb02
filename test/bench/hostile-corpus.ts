/**
 * Hostile input for the matcher and the HTTP endpoints: what a careless paste or a hostile user
 * can send. Deterministic (a seeded generator), so runs compare.
 */

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd: () => number, alphabet: string) => alphabet[Math.floor(rnd() * alphabet.length)];

/** `n` characters drawn from `alphabet`. */
export function randomWord(n: number, alphabet = 'abcdefghijklmnopqrstuvwxyz', seed = 1): string {
  const rnd = seeded(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rnd, alphabet);
  return s;
}

/** `unit` repeated to `chars` characters (cut at the end). */
export function repeatTo(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

/** A `hexdump -C` style dump of pseudo-random bytes, about `chars` long. */
export function hexdump(chars: number, seed = 7): string {
  const rnd = seeded(seed);
  const lines: string[] = [];
  let size = 0;
  for (let off = 0; size < chars; off += 16) {
    const bytes = Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
    const ascii = bytes.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    const line = `${off.toString(16).padStart(8, '0')}  ${hex.slice(0, 8).join(' ')}  ${hex.slice(8).join(' ')}  |${ascii}|`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, chars);
}

/** A list of `0x…,` tokens as a C array dump, about `chars` long. */
export function hexList(chars: number, seed = 11): string {
  const rnd = seeded(seed);
  let s = '';
  while (s.length < chars) {
    const v = Math.floor(rnd() * 0x1_0000_0000);
    s += `0x${v.toString(16).padStart(8, '0')}, `;
  }
  return s.slice(0, chars);
}

/** A realistic question, padded to `chars` with more of the same kind of text. */
export function realistic(chars: number): string {
  const lines = [
    'sync on FS01 fails with 0x80c8305f since this morning, server endpoint shows No Activity.',
    'The cloud endpoint was created yesterday and files are not tiering on the D: volume.',
    'Event 9102 says HResult -2134364065 and PerItemErrorCount 12; what should I check first?',
    'MARS agent backup fails with ID: 34513 on the file server after the passphrase change.',
  ];
  let s = '';
  for (let i = 0; s.length < chars; i++) s += lines[i % lines.length] + '\n';
  return s.slice(0, chars);
}

/** One kind of hostile text, made at any size. */
export interface HostileKind {
  name: string;
  make(chars: number): string;
  /** True for text people really paste (its latency target is the realistic one). */
  realistic?: boolean;
}

/** Every kind the bench and the work-count test run. */
export const HOSTILE_KINDS: HostileKind[] = [
  { name: 'one long word', make: (n) => randomWord(n) },
  { name: 'long words, 300 chars each', make: (n) => repeatTo(randomWord(300) + ' ', n) },
  { name: 'digit run', make: (n) => randomWord(n, '0123456789') },
  { name: 'hex run', make: (n) => randomWord(n, '0123456789abcdef') },
  { name: '"0x" repeated', make: (n) => repeatTo('0x', n) },
  { name: '"<at>" repeated', make: (n) => repeatTo('<at>', n) },
  { name: '"<at " repeated', make: (n) => repeatTo('<at ', n) },
  { name: 'combining marks', make: (n) => repeatTo('e\u0301\u0302\u0303\u0304', n) },
  { name: 'one character', make: (n) => 'a'.repeat(n) },
  { name: 'snake_case run', make: (n) => repeatTo('ECS_E_', n) },
  {
    name: 'event field, then spaces',
    make: (n) => ('Replica Sync session completed HResult' + ' '.repeat(n)).slice(0, n),
  },
  {
    name: 'errors report, then blank lines',
    make: (n) => ('Errors distribution:\n' + '\n'.repeat(n)).slice(0, n),
  },
  { name: 'hexdump', make: (n) => hexdump(n) },
  { name: '"0x…," list', make: (n) => hexList(n) },
  { name: 'realistic text', make: (n) => realistic(n), realistic: true },
];

/** The sizes the issue names: 1 KB, a Teams-sized 28 KB paste, and 1 MB. */
export const HOSTILE_SIZES = [1024, 28 * 1024, 1024 * 1024];
