import type { z } from 'zod';

/** The first few problems zod found, as `path: message` for a 400 response. */
export function whereWrong(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}
