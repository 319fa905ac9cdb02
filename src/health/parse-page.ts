import { HealthError } from './health-error';
import { ServerEndpointPage } from './schema';

/** Reads one page of server endpoints from response text; `health_api_invalid` when it is not one. */
export function parsePage(body: string, what: string): ServerEndpointPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new HealthError(
      'health_api_invalid',
      `the health API sent malformed JSON for ${what} (${(err as Error).message})`,
    );
  }
  const parsed = ServerEndpointPage.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new HealthError(
      'health_api_invalid',
      `the health API sent a server endpoint list for ${what} in an unexpected shape (${issues.join('; ')})`,
    );
  }
  return parsed.data;
}
