/** `Bearer` and a compact JWS (three base64url parts), as every Bot Framework token is. */
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Longest Authorization header worth handing to token validation. */
const MAX_AUTHORIZATION_CHARS = 16 * 1024;

/**
 * Whether a request's Authorization header can hold a Bot Framework token at all. A request
 * without one is refused before the SDK sees it: the SDK writes a stack trace to stderr for
 * every request it refuses, so anyone could fill the logs with unauthenticated posts.
 */
export function plausibleBearer(authorization: string | undefined): boolean {
  return (
    typeof authorization === 'string' &&
    authorization.length <= MAX_AUTHORIZATION_CHARS &&
    BEARER_JWT.test(authorization)
  );
}
