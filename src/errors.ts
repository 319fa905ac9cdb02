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
