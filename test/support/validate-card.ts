/**
 * One validator for every card the bot sends, shared by the card and bot tests:
 * `validateCard(card)` returns the problems found, empty when the card is valid.
 *
 * A card is checked four ways:
 * 1. the Adaptive Cards JS SDK, as Teams web/desktop sees it (CodeBlock known): any parse or
 *    validation event is a problem;
 * 2. the same SDK as a host without CodeBlock (Teams mobile) sees it: the only event allowed is
 *    "unknown element type CodeBlock", since its fallback then renders instead;
 * 3. the official Adaptive Card 1.5 JSON schema (ajv 8, draft-06), on the card with each CodeBlock
 *    replaced by its fallback, and on the card itself with a CodeBlock definition added (the schema
 *    predates it); the Teams-only top-level `msteams` is removed first;
 * 4. what neither catches: text present, titles on actions, verb and data on Action.Execute, at
 *    most six primary actions, a monospace fallback (text or one line per text) on every CodeBlock, no empty containers, no
 *    template expression left, under the size limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as AC from 'adaptivecards';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { CODE_BLOCK_LANGUAGES } from '../../src/cards/code-language';
import { MAX_CARD_BYTES, MAX_PRIMARY_ACTIONS } from '../../src/cards/types';

/** The official schema, kept beside the project. */
export const SCHEMA_PATH = join(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'schemas',
  'adaptive-card-1.5.json',
);

type Json = Record<string, unknown>;
interface Node extends Json {
  type: string;
}

const isNode = (x: unknown): x is Node =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as Json).type === 'string';

/** Every node (element, column, inline, action, fallback) under `root`, with its JSON path. */
function* walk(root: unknown, path = ''): Generator<{ node: Node; path: string }> {
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) yield* walk(root[i], `${path}/${i}`);
  } else if (typeof root === 'object' && root !== null) {
    if (isNode(root)) yield { node: root, path };
    for (const [k, v] of Object.entries(root)) if (k !== 'data') yield* walk(v, `${path}/${k}`);
  }
}

// ---- 1 and 2: the SDK -------------------------------------------------------------------

/** Teams' CodeBlock, taught to the SDK so it parses (and checks) the element instead of dropping it. */
class CodeBlock extends AC.CardElement {
  static readonly codeSnippetProperty = new AC.StringProperty(AC.Versions.v1_5, 'codeSnippet');
  static readonly languageProperty = new AC.StringProperty(AC.Versions.v1_5, 'language');
  static readonly startLineNumberProperty = new AC.NumProperty(AC.Versions.v1_5, 'startLineNumber');
  getJsonTypeName(): string {
    return 'CodeBlock';
  }
  // Rendering needs a DOM; parsing and validation do not.
  protected internalRender() {
    return undefined;
  }
}

const teamsElements = new AC.CardObjectRegistry<AC.CardElement>();
AC.GlobalRegistry.populateWithDefaultElements(teamsElements);
teamsElements.register('CodeBlock', CodeBlock, AC.Versions.v1_5);

function sdkEvents(card: Json, withCodeBlock: boolean): AC.IValidationEvent[] {
  const context = new AC.SerializationContext();
  if (withCodeBlock) context.setElementRegistry(teamsElements);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events: AC.IValidationEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  return [...events, ...parsed.validateProperties().validationEvents];
}

/**
 * NOTE: the SDK counts overflow (`mode: "secondary"`) actions against its host config's
 * `maxActions` (5 by default); Teams shows up to six primary ones and moves the rest to the "…"
 * menu. So TooManyActions is judged by the primary count below, not by the SDK.
 */
const counted = (e: AC.IValidationEvent) => e.event !== AC.ValidationEvent.TooManyActions;

function sdkProblems(card: Json): string[] {
  const teams = sdkEvents(card, true)
    .filter(counted)
    .map((e) => `sdk: ${e.message}`);
  const mobile = sdkEvents(card, false)
    .filter(counted)
    .filter(
      (e) => !(e.event === AC.ValidationEvent.UnknownElementType && /"CodeBlock"/.test(e.message)),
    )
    .map((e) => `sdk (no CodeBlock): ${e.message}`);
  return [...teams, ...mobile];
}

// ---- 3: the JSON schema -----------------------------------------------------------------

interface Schemas {
  official: Ajv;
  officialCard: ValidateFunction;
  teams: Ajv;
  teamsCard: ValidateFunction;
  official$id: string;
  teams$id: string;
}

let schemas: Schemas | undefined;

/** A CodeBlock definition in the schema's own style (Teams documents the element, not a schema). */
function codeBlockDefinition(): Json {
  return {
    description: 'Teams: displays a block of code with syntax highlighting (web and desktop).',
    type: 'object',
    additionalProperties: false,
    required: ['codeSnippet'],
    properties: {
      type: { enum: ['CodeBlock'] },
      codeSnippet: { type: 'string' },
      language: { enum: [...CODE_BLOCK_LANGUAGES] },
      startLineNumber: { type: 'number' },
      fallback: {},
      height: {},
      separator: {},
      spacing: {},
      id: {},
      isVisible: {},
      requires: {},
    },
    allOf: [{ $ref: '#/definitions/Extendable.Element' }],
  };
}

function compileSchemas(): Schemas {
  const raw = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Json & { definitions: Json };
  const make = (schema: Json) => {
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      // NOTE: the schema names formats ajv 8 does not bundle; URLs are checked below instead.
      formats: { uri: true, 'uri-reference': true },
    });
    ajv.addMetaSchema(draft06);
    return { ajv, validate: ajv.compile(schema) };
  };
  // The schema is draft-06: its identifier is `id`, which ajv 8 reads as `$id`.
  const { id, ...rest } = raw;
  const official$id = String(id);
  const official = make({ ...rest, $id: official$id });

  const teamsSchema = structuredClone(rest) as typeof raw;
  // Its own id, so the extended copy never shadows the official one.
  teamsSchema.$id = 'https://afsbot.invalid/adaptive-card-1.5-teams.json';
  teamsSchema.definitions.CodeBlock = codeBlockDefinition();
  const elements = teamsSchema.definitions['ImplementationsOf.Element'] as { anyOf: Json[] };
  elements.anyOf.push({ required: ['type'], allOf: [{ $ref: '#/definitions/CodeBlock' }] });
  const teams = make(teamsSchema);
  return {
    official: official.ajv,
    officialCard: official.validate,
    teams: teams.ajv,
    teamsCard: teams.validate,
    official$id,
    teams$id: String(teamsSchema.$id),
  };
}

function at(root: unknown, pointer: string): unknown {
  let x = root;
  for (const seg of pointer.split('/').slice(1)) {
    if (typeof x !== 'object' || x === null) return undefined;
    x = (x as Json)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return x;
}

/** Whether an error at `path` (relative to a node) lies inside one of the node's child nodes. */
function inChildNode(node: Node, path: string): boolean {
  const segs = path.split('/').slice(1);
  for (let i = 1; i < segs.length; i++) {
    if (isNode(at(node, '/' + segs.slice(0, i).join('/')))) return true;
  }
  return isNode(at(node, path)) && path !== '';
}

function describe(e: ErrorObject): string {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
      : e.keyword === 'enum'
        ? ` (${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})`
        : '';
  return `${e.message}${extra}`;
}

/**
 * The schema reports a bad element once per alternative of its `anyOf`; validating each node
 * against its own definition says what is wrong in one line.
 */
function explain(ajv: Ajv, schemaId: string, card: Json, fallback: ErrorObject[]): string[] {
  const out: string[] = [];
  for (const { node, path } of walk(card)) {
    if (node.type === 'AdaptiveCard' && path === '') continue;
    const validate = ajv.getSchema(`${schemaId}#/definitions/${node.type}`);
    if (!validate) {
      out.push(`${path}: unknown type ${node.type}`);
      continue;
    }
    if (validate(node)) continue;
    for (const e of validate.errors ?? []) {
      if (inChildNode(node, e.instancePath)) continue;
      out.push(`${path}${e.instancePath} (${node.type}): ${describe(e)}`);
    }
  }
  if (out.length > 0) return [...new Set(out)];
  return [...new Set(fallback.map((e) => `${e.instancePath || '/'}: ${describe(e)}`))];
}

/** The card a host without CodeBlock renders: each CodeBlock replaced by its fallback. */
function withFallbacks(card: unknown): unknown {
  if (Array.isArray(card)) return card.map(withFallbacks);
  if (typeof card !== 'object' || card === null) return card;
  const node = card as Json;
  if (node.type === 'CodeBlock' && isNode(node.fallback)) return withFallbacks(node.fallback);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withFallbacks(v)]));
}

function schemaProblems(card: Json): string[] {
  schemas ??= compileSchemas();
  // NOTE: the schema rejects the Teams-only top-level `msteams`; ownProblems checks it instead.
  const plain = { ...card };
  delete plain.msteams;
  const problems: string[] = [];
  const s = schemas;
  if (!s.teamsCard(plain)) {
    problems.push(
      ...explain(s.teams, s.teams$id, plain, s.teamsCard.errors ?? []).map((p) => `schema: ${p}`),
    );
  }
  const mobile = withFallbacks(plain) as Json;
  if (!s.officialCard(mobile)) {
    problems.push(
      ...explain(s.official, s.official$id, mobile, s.officialCard.errors ?? []).map(
        (p) => `schema (CodeBlock as fallback): ${p}`,
      ),
    );
  }
  return problems;
}

// ---- 4: what neither checks ---------------------------------------------------------------

const COLLECTIONS: Record<string, string> = {
  Container: 'items',
  Column: 'items',
  ColumnSet: 'columns',
  FactSet: 'facts',
  RichTextBlock: 'inlines',
  ActionSet: 'actions',
};

const nonEmpty = (x: unknown): boolean => typeof x === 'string' && x.trim() !== '';

function primaryCount(actions: unknown): number {
  return Array.isArray(actions)
    ? actions.filter((a) => isNode(a) && String(a.mode ?? 'primary').toLowerCase() !== 'secondary')
        .length
    : 0;
}

function nodeProblems(node: Node, path: string): string[] {
  const p: string[] = [];
  const where = `${path || '/'} (${node.type})`;
  if ((node.type === 'TextBlock' || node.type === 'TextRun') && !nonEmpty(node.text))
    p.push(`${where}: text is empty`);
  if (node.type.startsWith('Action.') && !nonEmpty(node.title)) p.push(`${where}: no title`);
  if (node.type === 'Action.Execute') {
    if (!nonEmpty(node.verb)) p.push(`${where}: no verb`);
    if (typeof node.data !== 'object' || node.data === null) p.push(`${where}: no data object`);
  }
  if (node.type === 'Action.OpenUrl' && !/^https:\/\/[^\s]+$/.test(String(node.url)))
    p.push(`${where}: url is not an https URL`);
  if (node.type === 'CodeBlock') {
    const f = node.fallback;
    if (!nonEmpty(node.codeSnippet)) p.push(`${where}: codeSnippet is empty`);
    // One monospace TextBlock, or a Container of them (one per line of code, so none run together).
    const lines = isNode(f) && f.type === 'Container' && Array.isArray(f.items) ? f.items : [f];
    const mono = (x: unknown) =>
      isNode(x) && x.type === 'TextBlock' && x.fontType === 'Monospace' && nonEmpty(x.text);
    if (lines.length === 0 || !lines.every(mono))
      p.push(`${where}: needs a monospace TextBlock fallback`);
  }
  const collection = COLLECTIONS[node.type];
  if (
    collection &&
    (!Array.isArray(node[collection]) || (node[collection] as unknown[]).length === 0)
  )
    p.push(`${where}: ${collection} is empty`);
  if (node.type === 'ActionSet' && primaryCount(node.actions) > MAX_PRIMARY_ACTIONS)
    p.push(`${where}: more than ${MAX_PRIMARY_ACTIONS} primary actions`);
  return p;
}

function ownProblems(card: Json, json: string): string[] {
  const p: string[] = [];
  if (card.type !== 'AdaptiveCard') p.push('/: type is not AdaptiveCard');
  if (card.version !== '1.5') p.push('/: version is not 1.5');
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json')
    p.push('/: $schema missing');
  if (JSON.stringify(card.msteams) !== JSON.stringify({ width: 'Full' }))
    p.push('/: msteams is not { width: "Full" }');
  if (!Array.isArray(card.body) || card.body.length === 0) p.push('/: body is empty');
  if (!Array.isArray(card.actions)) p.push('/: actions is not an array');
  if (primaryCount(card.actions) > MAX_PRIMARY_ACTIONS)
    p.push(`/actions: more than ${MAX_PRIMARY_ACTIONS} primary actions`);
  if (json.includes('${')) p.push('/: a template expression is left: ${');
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes >= MAX_CARD_BYTES) p.push(`/: ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte limit`);
  for (const { node, path } of walk(card)) p.push(...nodeProblems(node, path));
  return p;
}

/** Every problem of a card, as readable lines; empty when the card is valid. */
export function validateCard(card: unknown): string[] {
  if (typeof card !== 'object' || card === null || Array.isArray(card))
    return ['/: not a JSON object'];
  const json = JSON.stringify(card);
  // Round-trip: a card must be plain JSON (no undefined, functions or cycles).
  const plain = JSON.parse(json) as Json;
  return [...ownProblems(plain, json), ...sdkProblems(plain), ...schemaProblems(plain)];
}
