/** Stable error codes: logs, CLI exit messages and cards key on these, never on message text. */
export type ErrorCode =
  | 'knowledge_index_missing'
  | 'knowledge_index_invalid'
  | 'knowledge_build_failed'
  | 'input_too_large'
  | 'input_invalid'
  | 'batch_line_invalid'
  | 'usage'
  | 'config_invalid'
  | 'storage_unavailable'
  | 'storage_conflict'
  | 'storage_value_invalid'
  | 'request_invalid'
  | 'health_api_timeout'
  | 'health_api_unavailable'
  | 'health_api_invalid'
  | 'health_not_found'
  | 'health_circuit_open'
  | 'health_not_linked'
  | 'outbox_full';

/**
 * Every code, for the metrics' closed label set. `satisfies` makes a code added to the type
 * without this list (or the other way round) a compile error.
 */
export const ERROR_CODES = [
  'knowledge_index_missing',
  'knowledge_index_invalid',
  'knowledge_build_failed',
  'input_too_large',
  'input_invalid',
  'batch_line_invalid',
  'usage',
  'config_invalid',
  'storage_unavailable',
  'storage_conflict',
  'storage_value_invalid',
  'request_invalid',
  'health_api_timeout',
  'health_api_unavailable',
  'health_api_invalid',
  'health_not_found',
  'health_circuit_open',
  'health_not_linked',
  'outbox_full',
] as const satisfies readonly ErrorCode[];

/** Compile-time check that ERROR_CODES lists every ErrorCode. */
type Missing = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
export const ERROR_CODES_COMPLETE: Missing extends never ? true : Missing = true;

/** An error that carries a stable code and a message that tells the operator the fix. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
