import { DESTRUCTIVE, isDeprovisionGuide } from '../safety-terms';
import type { Block, Entry, Step } from '../schema';

function stepTexts(s: Step): string[] {
  return [
    s.text,
    ...(s.commands ?? []).map((c) => c.code),
    ...(s.substeps ?? []).flatMap(stepTexts),
    ...(s.alternatives ?? []).flatMap(stepTexts),
  ];
}

const destroys = (b: Block) =>
  [
    b.text ?? '',
    ...(b.steps ?? []).flatMap(stepTexts),
    ...(b.commands ?? []).map((c) => c.code),
  ].some((t) => DESTRUCTIVE.test(t));

const QUALIFYING = new Set(['warning', 'caution', 'important']);

/**
 * Answers whose steps remove an endpoint, a sync group, a registration or service metadata carry
 * the deprovision guide's own warning before those steps (unless the article already warns there)
 * and link the guide first; so does a question about removing one.
 */
export function applySafety(entries: Entry[]): void {
  const guide = entries.find(isDeprovisionGuide);
  const warning = guide?.remediation.blocks
    .flatMap((b) => b.callouts ?? [])
    .find((c) => c.kind === 'warning' && /\bdeprovisioning\b/i.test(c.text));
  if (!guide || !warning) return;
  for (const e of entries) {
    if (e.product !== guide.product || e.source.file === guide.source.file) continue;
    let destructive = false;
    for (const b of e.remediation.blocks) {
      if (!destroys(b)) continue;
      destructive = true;
      if (!(b.callouts ?? []).some((c) => QUALIFYING.has(c.kind)))
        b.callouts = [
          { kind: 'warning', text: warning.text, from: guide.id },
          ...(b.callouts ?? []),
        ];
    }
    // A question about removing an endpoint ("Should I remove and recreate my server endpoint?")
    // is answered first by the guide's warning, whatever else the entry holds.
    if (!destructive && e.kind === 'question' && DESTRUCTIVE.test(e.title)) {
      e.remediation.blocks.unshift({
        callouts: [{ kind: 'warning', text: warning.text, from: guide.id }],
      });
      destructive = true;
    }
    if (!destructive) continue;
    e.safety = guide.id;
    e.related = [guide.id, ...e.related.filter((r) => r !== guide.id)];
  }
}
