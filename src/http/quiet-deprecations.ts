/**
 * Loads restify without its two DEP0111 warnings ("Access to process.binding('http_parser')").
 * They come from http-deceiver, which restify's optional SPDY support requires at load time and
 * this server never uses; they told operators nothing they could act on. Only DEP0111 raised
 * while restify loads is dropped: every other warning, and DEP0111 from anywhere later, still shows.
 */
const emitWarning = process.emitWarning;
process.emitWarning = function quietDep0111(this: NodeJS.Process, warning, ...rest: unknown[]) {
  const [typeOrOptions, code] = rest;
  const warningCode =
    typeof typeOrOptions === 'object' && typeOrOptions !== null
      ? (typeOrOptions as { code?: string }).code
      : code;
  if (warningCode === 'DEP0111') return;
  return (emitWarning as (...a: unknown[]) => void).call(this, warning, ...rest);
} as typeof process.emitWarning;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- it must load inside the try, not hoisted
  require('restify');
} finally {
  process.emitWarning = emitWarning;
}
