import type { RgbaImage } from './png';

/** The Teams accent colour: the colour icon's background and the manifest's `accentColor`. */
export const ACCENT = '#0F6CBD';

type Shape = (x: number, y: number) => boolean;
type Rgb = [number, number, number];

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const WHITE: Rgb = [255, 255, 255];

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

function triangle(a: number[], b: number[], c: number[]): Shape {
  const side = (p: number[], q: number[], x: number, y: number) =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

/**
 * The sync emblem: two arcs of a ring chasing each other clockwise, each ending in an arrowhead.
 * Angles are in degrees on screen (y grows downwards, so increasing angles turn clockwise).
 */
function syncArrows(cx: number, cy: number, r: number, stroke: number, head: number): Shape {
  const parts: Shape[] = [];
  for (const start of [200, 20]) {
    const from = (start * Math.PI) / 180;
    const to = ((start + 125) * Math.PI) / 180;
    parts.push((x, y) => {
      const d = Math.hypot(x - cx, y - cy);
      if (Math.abs(d - r) > stroke / 2) return false;
      let a = Math.atan2(y - cy, x - cx);
      while (a < from) a += 2 * Math.PI;
      return a <= to;
    });
    // The arrowhead: its base across the ring at the arc's end, its tip along the tangent.
    const [nx, ny] = [Math.cos(to), Math.sin(to)];
    const [px, py] = [cx + r * nx, cy + r * ny];
    const [tx, ty] = [-ny, nx];
    parts.push(
      triangle(
        [px - (nx * head) / 2, py - (ny * head) / 2],
        [px + (nx * head) / 2, py + (ny * head) / 2],
        [px + tx * head * 0.9, py + ty * head * 0.9],
      ),
    );
  }
  return union(...parts);
}

/** A cloud: three lobes over a flat base. */
const cloud = union(
  circle(0.29, 0.6, 0.16),
  circle(0.52, 0.43, 0.245),
  circle(0.75, 0.615, 0.145),
  rect(0.29, 0.5, 0.75, 0.76),
);

const SAMPLES = 4;

/** The share of a pixel a shape covers, from SAMPLES × SAMPLES points inside it. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  let hits = 0;
  for (let i = 0; i < SAMPLES; i++)
    for (let j = 0; j < SAMPLES; j++)
      if (shape((px + (i + 0.5) / SAMPLES) / size, (py + (j + 0.5) / SAMPLES) / size)) hits++;
  return hits / (SAMPLES * SAMPLES);
}

/** Paints layers of [shape, colour] over a background, antialiased by coverage. */
function paint(size: number, background: Rgb | null, layers: [Shape, Rgb][]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let colour: number[] = background ? [...background] : [0, 0, 0];
      let alpha = background ? 1 : 0;
      for (const [shape, fill] of layers) {
        const c = coverage(shape, x, y, size);
        if (c === 0) continue;
        // Over-compositing with straight (non-premultiplied) alpha.
        const a = c + alpha * (1 - c);
        colour = colour.map((v, k) => (fill[k] * c + v * alpha * (1 - c)) / a);
        alpha = a;
      }
      const at = (y * size + x) * 4;
      pixels.set([...colour.map((v) => Math.round(v)), Math.round(alpha * 255)], at);
    }
  return { width: size, height: size, pixels };
}

/** The 192×192 colour icon: a white cloud with the sync emblem, on the accent colour. */
export function drawColorIcon(): RgbaImage {
  const accent = rgb(ACCENT);
  return paint(192, accent, [
    [cloud, WHITE],
    [syncArrows(0.52, 0.6, 0.135, 0.045, 0.11), accent],
  ]);
}

/** The 32×32 outline icon: the sync emblem in white on transparent, as Teams requires. */
export function drawOutlineIcon(): RgbaImage {
  return paint(32, null, [[syncArrows(0.5, 0.5, 0.28, 0.1, 0.24), WHITE]]);
}
