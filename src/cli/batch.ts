import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';
import { MAX_INPUT_BYTES } from '../matching/ask';

/** Largest batch file read at once. */
export const MAX_BATCH_BYTES = 64 * 1024 * 1024;

const BatchLine = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    q: z
      .string()
      .refine(
        (q) => Buffer.byteLength(q, 'utf8') <= MAX_INPUT_BYTES,
        `q is over ${MAX_INPUT_BYTES} bytes`,
      ),
  })
  .passthrough();
export type BatchLine = z.infer<typeof BatchLine>;

/** Reads a JSON Lines file; any bad line fails the whole batch with its line number. */
export function readJsonLines<T>(path: string, schema: z.ZodType<T>): T[] {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new AppError('usage', `cannot read ${path}: ${(err as Error).message}`);
  }
  if (size > MAX_BATCH_BYTES)
    throw new AppError(
      'input_too_large',
      `${path} is ${size} bytes; the limit is ${MAX_BATCH_BYTES}`,
    );
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const out: T[] = [];
  const errors: string[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (err) {
      errors.push(`${path}:${i + 1}: not JSON (${(err as Error).message})`);
      return;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      errors.push(
        `${path}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join('; ')}`,
      );
      return;
    }
    out.push(parsed.data);
  });
  if (errors.length) throw new AppError('batch_line_invalid', errors.slice(0, 20).join('\n'));
  return out;
}

/** A batch of questions: `{"id": "...", "q": "..."}` per line. */
export function readBatch(path: string): BatchLine[] {
  return readJsonLines(path, BatchLine);
}
