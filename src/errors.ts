/**
 * Every stable error code, in one place: logs, metrics, CLI exits, HTTP answers and cards key on
 * these, never on message text. `exit` is the status the CLI ends with when the error stops it
 * (2: the input or the environment is wrong, 1: a check failed, 3: a defect of the package
 * itself); `http` is the status an HTTP route answers with when the error ends a request (a 5xx
 * is reported as an internal error with a request id, never with its message).
 */
export const ERRORS = {
  knowledge_index_missing: { exit: 2, http: 500 },
  knowledge_index_invalid: { exit: 2, http: 500 },
  knowledge_build_failed: { exit: 2, http: 500 },
  input_too_large: { exit: 2, http: 413 },
  input_invalid: { exit: 2, http: 400 },
  batch_line_invalid: { exit: 2, http: 400 },
  usage: { exit: 2, http: 400 },
  config_invalid: { exit: 2, http: 500 },
  storage_unavailable: { exit: 2, http: 503 },
  storage_conflict: { exit: 2, http: 409 },
  storage_value_invalid: { exit: 2, http: 500 },
  request_invalid: { exit: 2, http: 400 },
  health_api_timeout: { exit: 2, http: 504 },
  health_api_unavailable: { exit: 2, http: 502 },
  health_api_invalid: { exit: 2, http: 502 },
  health_not_found: { exit: 2, http: 404 },
  health_circuit_open: { exit: 2, http: 503 },
  health_not_linked: { exit: 2, http: 404 },
  outbox_full: { exit: 2, http: 503 },
  /** A proactive send Teams refused or never answered (TransportError: status, service code). */
  proactive_send_failed: { exit: 1, http: 502 },
  /** A card template that cannot be read or does not expand: a defect of the package. */
  card_template_missing: { exit: 3, http: 500 },
  card_template_invalid: { exit: 3, http: 500 },
  /** `npm run package`: the environment, the manifest template, the icons. */
  package_env_invalid: { exit: 2, http: 500 },
  manifest_invalid: { exit: 1, http: 500 },
  package_asset_missing: { exit: 1, http: 500 },
} as const satisfies Record<string, { exit: 1 | 2 | 3; http: number }>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERRORS;

/** Every code, for the metrics' closed label set. */
export const ERROR_CODES = Object.keys(ERRORS) as readonly ErrorCode[];

/** An error that carries a stable code and a message that tells the operator the fix. */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * The one way to test an error: true when `err` is an AppError and, when codes are given, has
 * one of them. It narrows `err.code` to those codes, so no caller casts.
 */
export function isAppError<C extends ErrorCode = ErrorCode>(
  err: unknown,
  ...codes: C[]
): err is AppError<C> {
  return err instanceof AppError && (codes.length === 0 || codes.includes(err.code as C));
}

/** The status the CLI exits with for an error that stopped it (3 for one not in the catalogue). */
export function exitCodeOf(err: unknown): 1 | 2 | 3 {
  return isAppError(err) ? ERRORS[err.code].exit : 3;
}

/**
 * The status an HTTP route answers with for an error that ends a request: the catalogue's for an
 * AppError, 500 for anything else. A 4xx names what the caller must change; a 5xx is ours.
 */
export function httpStatusOf(err: unknown): number {
  return isAppError(err) ? ERRORS[err.code].http : 500;
}
