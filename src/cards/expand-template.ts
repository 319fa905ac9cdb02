import { AppError } from '../errors';

/**
 * The Adaptive Card Templating language as far as `cards/` uses it: `${name}` and `${!name}`,
 * alone or inside text, `$data` (a scope, or an array that repeats the element) and `$when`.
 * It expands exactly as `adaptivecards-templating` 2.3 does (a test compares the two on every
 * card the bot builds), at a small share of the cost, and loads nothing at start-up: that
 * engine and its expression parser took about a third of a second to load and most of the time
 * spent building a card. A template using anything else is refused when it is loaded.
 */

/** `${name}` or `${!name}`. */
interface Ref {
  name: string;
  not: boolean;
  /** The text between `${` and `}`: what the engine leaves for an undefined field. */
  source: string;
}

/** A string that is exactly one `${…}`: it expands to the value itself, of any type. */
class Single {
  constructor(readonly ref: Ref) {}
}

/** A string mixing text and `${…}`: it expands to text. */
class Interpolation {
  constructor(readonly parts: (string | Ref)[]) {}
}

type Prepared =
  | string
  | number
  | boolean
  | null
  | Single
  | Interpolation
  | Prepared[]
  | { [key: string]: Prepared };

/** Properties the engine reads and never copies to the output. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const EXPRESSION = /\$\{(!?)([A-Za-z_][A-Za-z0-9_]*)\}/g;

function parse(text: string, where: string): string | Single | Interpolation {
  if (!text.includes('${')) return text;
  const parts: (string | Ref)[] = [];
  let last = 0;
  for (const m of text.matchAll(EXPRESSION)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ name: m[2], not: m[1] === '!', source: `${m[1]}${m[2]}` });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  const literal = parts.filter((p): p is string => typeof p === 'string').join('');
  if (/\$\{|[`\\]/.test(literal))
    throw new AppError(
      'card_template_invalid',
      `${where} uses template syntax beyond \${name} and \${!name}: "${text.slice(0, 60)}"`,
    );
  return parts.length === 1 && typeof parts[0] !== 'string'
    ? new Single(parts[0])
    : new Interpolation(parts);
}

function prepare(node: unknown, where: string): Prepared {
  if (typeof node === 'string') return parse(node, where);
  if (Array.isArray(node)) return node.map((n) => prepare(n, where));
  if (node !== null && typeof node === 'object') {
    const out: { [key: string]: Prepared } = {};
    for (const [k, v] of Object.entries(node)) out[k] = prepare(v, where);
    return out;
  }
  return node as Prepared;
}

/** A field of the scope; like the engine, a name that differs only in case also matches. */
function lookup(scope: unknown, name: string): unknown {
  if (scope === null || typeof scope !== 'object') return undefined;
  const o = scope as Record<string, unknown>;
  if (Object.hasOwn(o, name) && o[name] !== undefined) return o[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/** A reference's value; with `substitute`, an undefined field reads as its own `${…}` text. */
function evaluate(ref: Ref, scope: unknown, substitute: boolean): unknown {
  const v = lookup(scope, ref.name);
  if (ref.not) return v === undefined || v === null || v === false;
  return v === undefined && substitute ? `\${${ref.source}}` : v;
}

function text(node: Interpolation, scope: unknown): string {
  let out = '';
  for (const p of node.parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const v = evaluate(p, scope, true);
    if (v === null)
      throw new AppError('card_template_invalid', `\${${p.source}} is null inside text`);
    out += String(v);
  }
  return out;
}

function value(node: Single | Interpolation, scope: unknown): unknown {
  return node instanceof Single ? evaluate(node.ref, scope, true) : text(node, scope);
}

/** Whether an element with this `$when` is kept: only an expression that is exactly `true`. */
function kept(when: Prepared | undefined, scope: unknown): boolean {
  if (when === undefined) return true;
  if (when instanceof Single) return evaluate(when.ref, scope, false) === true;
  // Text is not a boolean; a literal (not an expression) drops the element too.
  return when instanceof Interpolation ? false : !when;
}

function expandObject(node: { [key: string]: Prepared }, scope: unknown): unknown {
  const data = node.$data;
  let scopes: unknown[] = [undefined];
  if (data !== undefined) {
    const d = data instanceof Single || data instanceof Interpolation ? value(data, scope) : data;
    scopes = Array.isArray(d) ? d : [d];
  }
  const out: Record<string, unknown>[] = [];
  for (const s of scopes) {
    const inner = s === undefined ? scope : s;
    if (!kept(node.$when, inner)) continue;
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(node)) {
      if (RESERVED.has(k)) continue;
      const v = expandNode(node[k], inner);
      if (v !== undefined) o[k] = v;
    }
    out.push(o);
  }
  return out.length === 0 ? null : out.length === 1 ? out[0] : out;
}

function expandNode(node: Prepared, scope: unknown): unknown {
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      const v = expandNode(item, scope);
      if (v === null) continue;
      if (Array.isArray(v)) out.push(...(v as unknown[]));
      else out.push(v);
    }
    return out;
  }
  if (node instanceof Single || node instanceof Interpolation) return value(node, scope);
  if (node !== null && typeof node === 'object') return expandObject(node, scope);
  return node;
}

/** A card template, parsed once and expanded for each view model. */
export class CardTemplate {
  private readonly prepared: Prepared;

  /** `where` names the template in errors (its file). */
  constructor(
    readonly source: unknown,
    where: string,
  ) {
    this.prepared = prepare(source, where);
  }

  /** The template expanded with `data` as its root scope. */
  expand(data: object): unknown {
    return expandNode(this.prepared, data);
  }
}
