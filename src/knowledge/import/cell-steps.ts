import type { Step } from '../schema';
import { cleanText } from './clean-text';
import { oneLine, textOf, type MdNode } from './markdown-text';
import { areAlternatives, splitCondition } from './steps';

/** What a table cell holds: prose before its list, the list (nested lists kept), prose after. */
export interface CellContent {
  before: string;
  steps: Step[];
  after: string;
}

interface Item {
  text: string[];
  lists: Item[][];
}

/** The cell's inline nodes flattened to text and tag tokens. */
function tokens(node: MdNode, out: string[]): void {
  if (node.type === 'html') {
    const tag = /^<\s*(\/?)\s*(ul|ol|li|br|p)\b/i.exec((node.value ?? '').trim());
    if (tag) out.push(`<${tag[1]}${tag[2].toLowerCase()}>`);
    return;
  }
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'break') {
    out.push(textOf(node).replace(/\n/g, ' '));
    return;
  }
  if (!node.children) {
    out.push(textOf(node));
    return;
  }
  // Links and emphasis are read as their text, but may hold no structure of their own.
  if (node.type === 'link' || node.type === 'strong' || node.type === 'emphasis') {
    out.push(textOf(node).replace(/\n/g, ' '));
    return;
  }
  for (const c of node.children) tokens(c, out);
}

function toStep(item: Item): Step | null {
  const raw = cleanText(oneLine(item.text.join(' ')));
  const subs = item.lists
    .flat()
    .map(toStep)
    .filter((s): s is Step => s !== null);
  if (!raw && !subs.length) return null;
  const { condition, text } = splitCondition(raw || 'Take these steps:');
  const step: Step = { text };
  if (condition) step.condition = condition;
  if (subs.length) {
    if (areAlternatives(subs)) step.alternatives = subs;
    else step.substeps = subs;
  }
  return step;
}

/**
 * Reads a cell written with inline HTML lists (`<ul><li>…<li>…</ul>`, `<li>` without `<ul>`):
 * a `<li>` starts an item, `<ul>` inside an item nests, `</ul>` closes; what is outside any list
 * is prose before or after it.
 */
export function cellSteps(cell: MdNode): CellContent {
  const toks: string[] = [];
  for (const c of cell.children ?? []) tokens(c, toks);
  const before: string[] = [];
  const after: string[] = [];
  const root: Item[] = [];
  // The chain of open lists; each list is the array its items go to.
  const lists: Item[][] = [];
  let current: Item | null = null;
  const owners: (Item | null)[] = [];
  // A line that starts "- " after a <br> is a list item written as text (`<br/>- [Ensure …](…)`).
  let lineStart = false;
  for (const raw of toks) {
    let t = raw;
    const dash = lineStart && /^\s*[-*•]\s+/.test(t);
    lineStart = t === '<br>' || (lineStart && !t.trim());
    if (dash) {
      if (lists.length === 0) {
        lists.push(root);
        owners.push(null);
      }
      current = { text: [], lists: [] };
      lists[lists.length - 1].push(current);
      t = t.replace(/^\s*[-*•]\s+/, '');
    }
    if (t === '<ul>' || t === '<ol>') {
      const list: Item[] = [];
      if (current) current.lists.push(list);
      lists.push(current || lists.length > 0 ? list : root);
      owners.push(current);
      current = null;
    } else if (t === '</ul>' || t === '</ol>') {
      lists.pop();
      current = owners.pop() ?? null;
      if (lists.length === 0) current = null;
    } else if (t === '<li>') {
      if (lists.length === 0) {
        lists.push(root);
        owners.push(null);
      }
      current = { text: [], lists: [] };
      lists[lists.length - 1].push(current);
    } else if (t === '</li>' || t === '<br>' || t === '</br>' || t === '<p>' || t === '</p>') {
      if (current) current.text.push(' ');
    } else if (current) current.text.push(t);
    else if (root.length === 0) before.push(t);
    else after.push(t);
  }
  return {
    before: cleanText(oneLine(before.join(' '))),
    steps: root.map(toStep).filter((s): s is Step => s !== null),
    after: cleanText(oneLine(after.join(' '))),
  };
}
