import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BUNDLED_INDEX, snapshotPathOf } from '../knowledge/load';
import type { Entry } from '../knowledge/schema';
import { searchDocOf } from './documents';
import { terms } from './text';
import { work } from './work';

/**
 * A second view of which entry a question means: a multinomial logistic regression over the
 * question's terms, trained on the knowledge's own sentences (each entry's title, phrasings,
 * error names, cause and steps, labelled with the entry). BM25 scores how much of an entry's text
 * the question shares; this model learns which words tell one entry from its neighbours, so two
 * sibling entries that share most words are told apart by the few that differ. It is trained on
 * the knowledge alone, never on evaluation questions, and deterministically, so the model kept in
 * the search index is the model a fresh build makes.
 */

/** Changes with the training below: a model of another version is trained again. */
const VERSION = 1;
/** Passes over the training sentences. */
const EPOCHS = 20;
/** Step size of the first pass; later passes take smaller steps (`LEARNING_RATE / (1 + pass/5)`). */
const LEARNING_RATE = 0.5;
const L2 = 1e-4;
/** The biases (each entry's prior) learn at this share of the step: the words should decide. */
const BIAS_RATE = 0.1;
/** Weights are kept to thousandths, and those under this size dropped: the model stays small. */
const PRECISION = 1000;
const MIN_WEIGHT = 0.05;
/** Sentences shorter than this (characters) say too little to learn from. */
const MIN_SENTENCE = 3;
/** Softmax terms this small barely move a weight: skipping them makes training a few times faster. */
const MIN_GRADIENT = 1e-4;
const SENTENCE_END = /(?<=[.!?])\s+|\n/;

/** The model as data, kept in the search index (`TextIndexSnapshot.model`). */
export interface EntryModelData {
  /** What it was trained on (`sourceOf`): a model is reused only for the same sentences. */
  source: string;
  /** Entry ids, in the order of the classes. */
  classes: string[];
  /** Each class's bias, in thousandths. */
  bias: number[];
  /** Per term: class index and weight in thousandths, in pairs. */
  rows: [string, number[]][];
}

/** The sentences an entry is learnt from. */
export function trainingTexts(e: Entry): string[] {
  const doc = searchDocOf(e);
  return [
    e.title,
    ...e.keywords,
    doc.names,
    ...doc.cause.split(SENTENCE_END),
    ...doc.body.split(SENTENCE_END),
  ].filter((t) => t.trim().length >= MIN_SENTENCE);
}

/** The training sentences of the entries, and the training's version, as one hash. */
export function sourceOf(entries: readonly Entry[]): string {
  const hash = createHash('sha256').update(`v${VERSION}`);
  for (const e of entries) hash.update(JSON.stringify([e.id, trainingTexts(e)]));
  return hash.digest('hex');
}

/** Models trained in this process, by source: indexes of the same entries train once. */
const trained = new Map<string, EntryModel>();
/** Sources remembered; past it the memory starts again (a server knows one set of entries). */
const TRAINED_KEPT = 8;

/**
 * The model kept with the bundled knowledge (`knowledge/search-index.json`), if there is one: a
 * matcher made of the bundled entries without their search index (the CLI on another index file
 * that copies them, tests) takes it rather than training for a second.
 */
function bundledModel(): EntryModelData | undefined {
  try {
    const file = JSON.parse(readFileSync(snapshotPathOf(BUNDLED_INDEX), 'utf8')) as {
      text?: { model?: EntryModelData };
    };
    return file.text?.model;
  } catch {
    return undefined;
  }
}

/** A seeded generator (Park-Miller), so that training is the same on every machine. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const quantize = (w: number) => (Math.abs(w) < MIN_WEIGHT ? 0 : Math.round(w * PRECISION));

export class EntryModel {
  private readonly classOf = new Map<string, number>();

  private constructor(
    readonly source: string,
    readonly classes: string[],
    private readonly bias: Float64Array,
    /** Per term: class indexes and their weights. */
    private readonly rows: Map<string, { at: Int32Array; w: Float64Array }>,
  ) {
    classes.forEach((id, k) => this.classOf.set(id, k));
  }

  /**
   * The model of these entries: one trained on the same sentences already (in this process, or
   * kept with the bundled knowledge), or else a new one. The same sentences always train the same
   * model, so which of them is used makes no difference. `fresh` trains anew whatever is kept
   * (a knowledge build must write what the training code makes now) and remembers that one.
   */
  static of(entries: readonly Entry[], { fresh = false } = {}): EntryModel {
    const source = sourceOf(entries);
    let model = fresh ? undefined : trained.get(source);
    if (!model) {
      const kept = fresh ? undefined : bundledModel();
      model = kept?.source === source ? EntryModel.from(kept) : EntryModel.train(entries, source);
      if (trained.size >= TRAINED_KEPT) trained.clear();
      trained.set(source, model);
    }
    return model;
  }

  /** Trains on the entries' own sentences (`trainingTexts`). */
  static train(entries: readonly Entry[], source = sourceOf(entries)): EntryModel {
    const vocab = new Map<string, number>();
    const samples: { f: number[]; y: number }[] = [];
    entries.forEach((e, y) => {
      for (const text of trainingTexts(e)) {
        const f = [...new Set(terms(text))].map((t) => {
          let i = vocab.get(t);
          if (i === undefined) vocab.set(t, (i = vocab.size));
          return i;
        });
        if (f.length) samples.push({ f, y });
      }
    });
    const c = entries.length;
    const w = new Float64Array(vocab.size * c);
    const b = new Float64Array(c);
    const z = new Float64Array(c);
    const random = seeded(1);
    for (let pass = 0; pass < EPOCHS; pass++) {
      for (let i = samples.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [samples[i], samples[j]] = [samples[j], samples[i]];
      }
      const rate = LEARNING_RATE / (1 + pass / 5);
      for (const { f, y } of samples) {
        softmax(z, b, f, w);
        // Every feature of a sentence shares its step: long sentences do not outweigh short ones.
        const share = 1 / Math.sqrt(f.length);
        for (let k = 0; k < c; k++) {
          const g = z[k] - (k === y ? 1 : 0);
          if (Math.abs(g) < MIN_GRADIENT) continue;
          b[k] -= rate * g * BIAS_RATE;
          for (const v of f) w[v * c + k] -= rate * (g * share + L2 * w[v * c + k]);
        }
      }
    }
    const rows: [string, number[]][] = [];
    for (const [t, v] of vocab) {
      const pairs: number[] = [];
      for (let k = 0; k < c; k++) {
        const q = quantize(w[v * c + k]);
        if (q) pairs.push(k, q);
      }
      if (pairs.length) rows.push([t, pairs]);
    }
    return EntryModel.from({
      source,
      classes: entries.map((e) => e.id),
      bias: [...b].map((x) => Math.round(x * PRECISION)),
      rows,
    });
  }

  /** The model from its data (`data()`). */
  static from(data: EntryModelData): EntryModel {
    const rows = new Map<string, { at: Int32Array; w: Float64Array }>();
    for (const [t, pairs] of data.rows) {
      const at = new Int32Array(pairs.length / 2);
      const w = new Float64Array(pairs.length / 2);
      for (let i = 0; i < at.length; i++) {
        at[i] = pairs[2 * i];
        w[i] = pairs[2 * i + 1] / PRECISION;
      }
      rows.set(t, { at, w });
    }
    return new EntryModel(
      data.source,
      data.classes,
      Float64Array.from(data.bias, (x) => x / PRECISION),
      rows,
    );
  }

  /** The model as data, for the search index. */
  data(): EntryModelData {
    return {
      source: this.source,
      classes: this.classes,
      bias: [...this.bias].map((x) => Math.round(x * PRECISION)),
      rows: [...this.rows].map(([t, { at, w }]) => [
        t,
        [...at].flatMap((k, i) => [k, Math.round(w[i] * PRECISION)]),
      ]),
    };
  }

  /** True when the model was trained on these entries, in this order. */
  fits(entries: readonly Entry[]): boolean {
    return (
      entries.length === this.classes.length && entries.every((e, i) => e.id === this.classes[i])
    );
  }

  /**
   * How likely each entry is meant by a text of these (distinct) terms, by class (`indexOf`);
   * terms the model never learnt count for nothing. Costs one pass over the terms' kept weights.
   */
  probabilities(termsOfText: Iterable<string>): Float64Array {
    const z = Float64Array.from(this.bias);
    let visited = 3 * z.length;
    for (const t of termsOfText) {
      const row = this.rows.get(t);
      if (!row) continue;
      for (let i = 0; i < row.at.length; i++) z[row.at[i]] += row.w[i];
      visited += row.at.length;
    }
    work.add(visited);
    let max = -Infinity;
    for (const x of z) if (x > max) max = x;
    let sum = 0;
    for (let k = 0; k < z.length; k++) sum += z[k] = Math.exp(z[k] - max);
    for (let k = 0; k < z.length; k++) z[k] /= sum;
    return z;
  }

  /** The class of an entry, or -1 for an entry the model was not trained on. */
  indexOf(id: string): number {
    return this.classOf.get(id) ?? -1;
  }
}

/** Softmax of a sample's scores into `z`: bias plus the weights (`w`, by feature then class) of its features. */
function softmax(z: Float64Array, bias: Float64Array, features: number[], w: Float64Array): void {
  const c = z.length;
  let max = -Infinity;
  for (let k = 0; k < c; k++) {
    let s = bias[k];
    for (const v of features) s += w[v * c + k];
    z[k] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let k = 0; k < c; k++) sum += z[k] = Math.exp(z[k] - max);
  for (let k = 0; k < c; k++) z[k] /= sum;
}
