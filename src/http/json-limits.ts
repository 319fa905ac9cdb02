/** Deepest nesting accepted in a request body: Teams activities and Azure alerts need under 12. */
export const MAX_JSON_DEPTH = 32;
/** Most values (objects, arrays, strings, numbers) in one request body. */
export const MAX_JSON_NODES = 200_000;

/**
 * Why a parsed JSON body is refused, or null when it is within bounds. Iterative, with an
 * explicit stack: a body nested 10,000 deep must not overflow the call stack here, and the
 * check runs before anything recursive (zod, the SDK, the logger) walks the body.
 */
export function jsonOutOfBounds(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  maxNodes = MAX_JSON_NODES,
): 'too_deep' | 'too_large' | null {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++nodes > maxNodes) return 'too_large';
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return 'too_deep';
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) stack.push([c, depth + 1]);
  }
  return null;
}
