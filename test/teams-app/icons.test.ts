import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_DIR } from '../../src/teams-app/build-package';
import { ACCENT, drawColorIcon, drawOutlineIcon } from '../../src/teams-app/draw-icons';
import { encodePng } from '../../src/teams-app/png';
import { readPng } from './png-reader';

const committed = (name: string) => readPng(readFileSync(join(TEMPLATE_DIR, name)));

/** Alpha values of an RGBA buffer. */
const alphas = (pixels: Uint8Array) => pixels.filter((_v, i) => i % 4 === 3);

describe('the Teams app icons', () => {
  it('are what the generator draws (run `npm run icons` after changing the drawing)', () => {
    expect(committed('color.png').pixels.equals(Buffer.from(drawColorIcon().pixels))).toBe(true);
    expect(committed('outline.png').pixels.equals(Buffer.from(drawOutlineIcon().pixels))).toBe(
      true,
    );
  });

  it('round-trip through the PNG encoder', () => {
    const image = drawOutlineIcon();
    const back = readPng(encodePng(image));
    expect([back.width, back.height]).toEqual([32, 32]);
    expect(back.pixels.equals(Buffer.from(image.pixels))).toBe(true);
  });

  it('colour icon: 192×192, opaque, on the accent colour with a white emblem', () => {
    const icon = committed('color.png');
    expect([icon.width, icon.height]).toEqual([192, 192]);
    expect(alphas(icon.pixels).every((a) => a === 255)).toBe(true);
    const hex = (x: number, y: number) =>
      '#' + icon.pixels.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 3).toString('hex');
    expect(hex(2, 2).toUpperCase()).toBe(ACCENT.toUpperCase());
    expect(hex(40, 120)).toBe('#ffffff'); // the cloud's left lobe
  });

  it('outline icon: 32×32, white only, on a transparent background', () => {
    const icon = committed('outline.png');
    expect([icon.width, icon.height]).toEqual([32, 32]);
    const a = alphas(icon.pixels);
    expect(a[0]).toBe(0);
    expect(a.filter((v) => v === 0).length).toBeGreaterThan(32 * 32 * 0.4);
    expect(a.filter((v) => v === 255).length).toBeGreaterThan(100);
    for (let i = 0; i < icon.pixels.length; i += 4)
      if (icon.pixels[i + 3] > 0)
        expect([...icon.pixels.subarray(i, i + 3)]).toEqual([255, 255, 255]);
  });
});
