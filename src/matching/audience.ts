import type { Entry } from '../knowledge/schema';
import { searchDocOf } from './documents';
import { analyze, terms } from './text';

/** Who the bot answers: customers (the default) or a support team, who also see internal guides. */
export type AudienceSetting = 'customer' | 'support';

const isSupport = (e: Entry) => e.audience === 'support';

/**
 * Keeps support-only entries (internal guides) out of customers' answers unless the message asks
 * for them by their own terms: words the support entries use and no customer entry does (ASC,
 * Jarvis, TSG…), worked out from the knowledge itself.
 */
export class AudienceGate {
  private readonly supportTerms: ReadonlySet<string>;

  /**
   * `supportTerms`: the entries' `AudienceGate.supportTermsOf`, when it was worked out with the
   * knowledge (the search snapshot carries it); otherwise it is worked out here, which reads the
   * whole text of every entry.
   */
  constructor(
    entries: Entry[],
    private readonly setting: AudienceSetting = 'customer',
    supportTerms?: readonly string[],
  ) {
    this.supportTerms = new Set(supportTerms ?? AudienceGate.supportTermsOf(entries));
  }

  /** Terms of support-only entries that no customer entry uses, sorted. */
  static supportTermsOf(entries: Entry[]): string[] {
    const textOf = (e: Entry) => {
      const d = searchDocOf(e);
      return [d.title, d.names, d.keywords, d.cause, d.body].join('\n');
    };
    const customer = new Set(
      entries.filter((e) => !isSupport(e)).flatMap((e) => terms(textOf(e), false)),
    );
    const support = new Set<string>();
    for (const e of entries.filter(isSupport))
      for (const t of terms(textOf(e), false)) if (!customer.has(t)) support.add(t);
    return [...support].sort();
  }

  /** True when support-only entries may answer this text. */
  allowsSupport(text: string): boolean {
    return this.setting === 'support' || analyze(text).some((a) => this.supportTerms.has(a.term));
  }

  /** The entries this text may be answered from, in their order. */
  filter<T extends { entry: Entry }>(items: T[], text: string): T[] {
    if (!items.some((i) => isSupport(i.entry)) || this.allowsSupport(text)) return items;
    return items.filter((i) => !isSupport(i.entry));
  }
}

/** Moves the entry that supersedes another just above it when it ranked lower or not at all. */
export function supersedersFirst<T extends { entry: Entry }>(
  items: T[],
  lookup: (id: string) => Entry | undefined,
  make: (entry: Entry, like: T) => T,
): T[] {
  const out = [...items];
  for (let i = 0; i < out.length; i++) {
    const by = out[i].entry.supersededBy;
    const newer = by ? lookup(by) : undefined;
    if (!newer) continue;
    const j = out.findIndex((x) => x.entry === newer);
    if (j >= 0 && j < i) continue;
    const moved = j >= 0 ? out.splice(j, 1)[0] : make(newer, out[i]);
    out.splice(i, 0, moved);
  }
  return out;
}
