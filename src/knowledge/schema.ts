import { z } from 'zod';

/** Lowercase `0x` + 8 hex digits: the one spelling of an HRESULT inside the index. */
export const HexCode = z
  .string()
  .regex(/^0x[0-9a-f]{8}$/, 'HRESULT must be 0x + 8 lowercase hex digits');

export const Product = z.enum(['azure-file-sync', 'mars-agent']);
export type Product = z.infer<typeof Product>;

export const EntryKind = z.enum([
  'session-error',
  'per-item-error',
  'health-status',
  'question',
  'procedure',
  'mars-error',
  'overview',
]);
export type EntryKind = z.infer<typeof EntryKind>;

export const RemediationFlag = z.enum(['Yes', 'No', 'Maybe']);
export type RemediationFlag = z.infer<typeof RemediationFlag>;

/** One error code an entry covers: an HRESULT (Azure File Sync) or a MARS error id. */
export const Code = z
  .object({
    hresult: HexCode.nullable(),
    /** Signed 32-bit value of `hresult`. */
    decimal: z.number().int().min(-2147483648).max(2147483647).nullable(),
    errorString: z.string().min(1).nullable(),
    /** MARS error id as the article writes it (`34513`, `0x1FC07`). */
    marsId: z.string().min(1).nullable(),
    /** Other spellings that must find this code: renamed error strings, wrong decimals in the article. */
    aliases: z.array(z.string().min(1)),
    remediationRequired: RemediationFlag,
    /** `stated` when the article's table gives the flag, else the name of the rule that inferred it. */
    remediationSource: z.enum(['stated', 'inferred']),
    remediationRule: z.string().nullable(),
    /** Present only in the older article: guidance for older agents. */
    olderAgentOnly: z.boolean(),
  })
  .strict()
  .refine((c) => c.hresult !== null || c.marsId !== null || c.errorString !== null, {
    message: 'a code needs an HRESULT, a MARS id or an error string',
  });
export type Code = z.infer<typeof Code>;

export const Command = z.object({ language: z.string(), code: z.string().min(1) }).strict();
export type Command = z.infer<typeof Command>;

export const Remediation = z
  .object({
    /** Ordered steps in the article's words (plain text, links resolved to their text). */
    steps: z.array(z.string().min(1)),
    commands: z.array(Command),
    /** Prose that is neither cause nor steps: notes, callouts, tab content. */
    notes: z.array(z.string().min(1)),
  })
  .strict();

export const EscalationAction = z.enum([
  'none',
  'wait-then-support',
  'support-if-unresolved',
  'contact-network-admin',
]);
export type EscalationAction = z.infer<typeof EscalationAction>;

export const Escalation = z
  .object({
    action: EscalationAction,
    /** Hours to let the error persist before escalating; null when the article gives no wait. */
    waitHours: z.number().positive().nullable(),
    /** What to collect before opening a support request. */
    collect: z.array(z.string().min(1)),
    /** The article's own words the structure was extracted from. */
    text: z.string().nullable(),
    source: z.enum(['stated', 'default']),
  })
  .strict();
export type Escalation = z.infer<typeof Escalation>;

export const Source = z
  .object({
    article: z.string().min(1),
    file: z.string().min(1),
    url: z.string().url().nullable(),
    anchor: z.string().nullable(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    line: z.number().int().positive(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** Who an entry is written for: everyone, or Microsoft support engineers only (internal guides). */
export const Audience = z.enum(['customer', 'support']);
export type Audience = z.infer<typeof Audience>;

export const Entry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    product: Product,
    kind: EntryKind,
    title: z.string().min(1),
    codes: z.array(Code),
    cause: z.string(),
    remediation: Remediation,
    escalation: Escalation,
    related: z.array(z.string()),
    anchors: z.array(z.string().min(1)),
    /** Curated alternate phrasings and searchable text beyond the title and cause. */
    keywords: z.array(z.string()),
    source: Source,
    /** Other article versions merged into this entry. */
    alsoIn: z.array(Source),
    warnings: z.array(z.string()),
    /** Absent means `customer`. Support-only content is answered only when asked for by its own terms. */
    audience: Audience.optional(),
    /** Set when newer guidance replaces this entry: the id of the entry that supersedes it. */
    supersededBy: z.string().optional(),
  })
  .strict();
export type Entry = z.infer<typeof Entry>;

export const KnowledgeIndex = z
  .object({
    schemaVersion: z.literal(1),
    articles: z.array(
      z
        .object({
          file: z.string(),
          title: z.string(),
          url: z.string().url().nullable(),
          date: z.string().nullable(),
          product: Product,
        })
        .strict(),
    ),
    entries: z.array(Entry),
    warnings: z.array(z.string()),
  })
  .strict()
  .superRefine((index, ctx) => {
    const ids = new Set<string>();
    for (const e of index.entries) {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', message: `duplicate entry id ${e.id}` });
      ids.add(e.id);
    }
    for (const e of index.entries) {
      for (const r of e.related) {
        if (!ids.has(r))
          ctx.addIssue({ code: 'custom', message: `${e.id} relates to missing ${r}` });
      }
    }
  });
export type KnowledgeIndex = z.infer<typeof KnowledgeIndex>;
