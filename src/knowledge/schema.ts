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

/** A callout of the article (`> [!WARNING]`), kept with the block or step it qualifies. */
export const CalloutKind = z.enum(['note', 'tip', 'important', 'warning', 'caution']);
export type CalloutKind = z.infer<typeof CalloutKind>;
export const Callout = z
  .object({
    kind: CalloutKind,
    text: z.string().min(1),
    /** Set when the callout is another entry's (the deprovision guide's warning): that entry's id. */
    from: z.string().optional(),
  })
  .strict();
export type Callout = z.infer<typeof Callout>;

/** One action of the article, with what qualifies it. Shown: condition, warning, text, commands, sub-steps. */
export interface Step {
  /** The action in the article's words (plain text, links resolved to their text). */
  text: string;
  /** When the action applies ("If step d fails with access denied"): shown before the action. */
  condition?: string;
  /** The article's warning about this action: shown before the action. */
  warning?: string;
  /** Commands the step runs, verbatim. */
  commands?: Command[];
  /** Sub-steps in order (the article's a, b, c…). */
  substeps?: Step[];
  /** Ways to do the step, of which one is enough. */
  alternatives?: Step[];
}
export const Step: z.ZodType<Step> = z.lazy(() =>
  z
    .object({
      text: z.string().min(1),
      condition: z.string().min(1).optional(),
      warning: z.string().min(1).optional(),
      commands: z.array(Command).min(1).optional(),
      substeps: z.array(Step).min(1).optional(),
      alternatives: z.array(Step).min(2).optional(),
    })
    .strict(),
);

/**
 * A part of the remediation as the article groups it: a tab or a bold sub-heading, a lead-in or
 * condition, the callouts that qualify it, then prose, steps and commands. Everything that qualifies
 * the content comes first, so it is read (and kept) before the action.
 */
export const Block = z
  .object({
    /** Tab label (`# [Portal](#tab/portal1)`) or bold sub-heading the block sits under. */
    heading: z.string().min(1).optional(),
    /** The lead-in or condition that introduces the content ("If the directory was deleted, …:"). */
    condition: z.string().min(1).optional(),
    /** Callouts that qualify the content, shown before it. */
    callouts: z.array(Callout).min(1).optional(),
    /** Prose: an action in a sentence, or what the article explains at this point. */
    text: z.string().min(1).optional(),
    /** `sequence` (numbered: do them in order), `checks` (bulleted), `alternatives` (one is enough). */
    list: z.enum(['sequence', 'checks', 'alternatives']).optional(),
    steps: z.array(Step).min(1).optional(),
    commands: z.array(Command).min(1).optional(),
  })
  .strict()
  .refine((b) => b.text || b.steps || b.commands || b.callouts, {
    message: 'a block needs text, steps, commands or callouts',
  })
  .refine((b) => !b.steps === !b.list, { message: 'steps and list go together' });
export type Block = z.infer<typeof Block>;

export const Remediation = z
  .object({
    /** The remediation in the article's order. */
    blocks: z.array(Block),
  })
  .strict();

/** A list the article gives that is not a list of actions. */
export const Detail = z
  .object({
    kind: z.enum(['causes', 'conditions', 'use-cases', 'permissions']),
    /** The article's lead-in ("These errors can occur if there are:"). */
    lead: z.string().min(1),
    items: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type Detail = z.infer<typeof Detail>;

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
    /** Causes, conditions, use cases and permissions the article lists: facts, not steps. */
    details: z.array(Detail),
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
    /** The part of the knowledge to read before acting on this entry (the deprovision guidance). */
    safety: z.string().optional(),
    /**
     * The entry whose section this one's sits in, when that section is an entry of its own (a step
     * of "Scenario 2: I want to delete server endpoint…", a row of the health-status table).
     */
    partOf: z.string().optional(),
    /** An earlier section whose commands set variables this entry's commands use: run it first. */
    runFirst: z.string().optional(),
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
      for (const r of [e.supersededBy, e.safety, e.partOf, e.runFirst]) {
        if (r !== undefined && !ids.has(r))
          ctx.addIssue({ code: 'custom', message: `${e.id} names missing entry ${r}` });
      }
    }
  });
export type KnowledgeIndex = z.infer<typeof KnowledgeIndex>;
