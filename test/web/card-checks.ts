/// <reference lib="dom" />
import type { Locator } from 'playwright-core';

/** What is wrong with one rendered card, as a person would see it. */
export interface CardReport {
  /** Elements that cannot be seen or read whole: cut off, outside the card, overlapping. */
  problems: string[];
  /** Lowest text contrast on the card, and the text that has it. */
  minContrast: { ratio: number; text: string };
}

/**
 * Inspects a rendered Adaptive Card (`.ac-adaptiveCard`) in the page: text cut off or outside
 * its column or the card, columns that overlap, invisible elements, buttons in an overflow
 * menu, and the contrast of every text against what is behind it (WCAG 2 ratio).
 */
export function inspectCard(card: Locator): Promise<CardReport> {
  return card.evaluate((root: Element) => {
    const problems: string[] = [];
    const parse = (c: string): number[] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (fg: number[], bg: number[]) =>
      [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3])).concat(1);
    const background = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
    };
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const name = (el: Element) => ((el as HTMLElement).innerText || '').trim().slice(0, 60);
    const box = root.getBoundingClientRect();
    let minContrast = { ratio: 21, text: '' };

    // Every leaf that shows text: contrast, cut off, inside its column and the card.
    const texts = Array.from(
      root.querySelectorAll('.ac-textBlock, .ac-richTextBlock, .ac-pushButton-content'),
    );
    for (const el of texts) {
      const html = el as HTMLElement;
      const text = name(el);
      if (!text) continue;
      const r = html.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(html).visibility === 'hidden') {
        problems.push(`not visible: "${text}"`);
        continue;
      }
      if (r.right > box.right + 1 || r.left < box.left - 1)
        problems.push(`outside the card: "${text}"`);
      // NOTE: Adaptive Cards clips overflowing text (overflow hidden, ellipsis): compare sizes.
      const inner = [html, ...Array.from(html.querySelectorAll<HTMLElement>('*'))];
      if (inner.some((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0))
        problems.push(`cut off: "${text}"`);
      if (/…$/.test(text) && el.classList.contains('ac-pushButton-content'))
        problems.push(`button title shortened: "${text}"`);
      const column = el.parentElement?.closest('.ac-container');
      if (column && column !== root) {
        const c = column.getBoundingClientRect();
        if (r.right > c.right + 1) problems.push(`past its column: "${text}"`);
      }
      const style = getComputedStyle(html);
      const bg = background(html);
      const fg = over(parse(style.color), bg);
      const k = ratio(fg, bg);
      if (k < minContrast.ratio) minContrast = { ratio: Math.round(k * 100) / 100, text };
    }
    // Columns side by side must not overlap.
    for (const set of Array.from(root.querySelectorAll('.ac-columnSet'))) {
      const cols = Array.from(set.children).filter((c) => (c as HTMLElement).offsetWidth > 0);
      for (let i = 1; i < cols.length; i++) {
        const a = cols[i - 1].getBoundingClientRect();
        const b = cols[i].getBoundingClientRect();
        if (a.right > b.left + 1 && a.top < b.bottom && b.top < a.bottom)
          problems.push(`columns overlap: "${name(cols[i - 1])}" and "${name(cols[i])}"`);
      }
    }
    // An overflow menu hides actions behind "More options".
    if (root.querySelector('button[aria-label="More options"]'))
      problems.push('actions hidden in an overflow menu');
    return { problems, minContrast };
  });
}
