import type restify from 'restify';
import type { Matcher } from '../matching/ask';
import { BrowseQuery, browse, codeIndex } from '../matching/browse';

/** Longest search text the tab's search box sends. */
export const MAX_SEARCH_CHARS = 500;

/**
 * The knowledge tab's read-only API: search with filters, the index of codes and what the page
 * needs to know about the bot. Entries and answers come from `/api/entries/:id` and `/api/ask`.
 * Nothing here reads live health or stored state.
 */
export function knowledgeRoutes(
  server: restify.Server,
  matcher: Matcher,
  appId: string | null,
  /** Runs first on every route (the per-address rate limit). */
  guard: restify.RequestHandler = (_req, _res, next) => next(),
): void {
  server.get(
    '/api/knowledge/search',
    guard,
    async (req: restify.Request, res: restify.Response) => {
      const q = (req.query as Record<string, unknown> | undefined)?.q;
      if (typeof q === 'string' && q.length > MAX_SEARCH_CHARS) {
        res.send(414, {
          error: 'query_too_long',
          message: `q is limited to ${MAX_SEARCH_CHARS} characters (search as you type); ask longer questions with POST /api/ask`,
        });
        return;
      }
      const query = BrowseQuery.safeParse(req.query ?? {});
      if (!query.success) {
        res.send(400, {
          error: 'request_invalid',
          message:
            'search takes q (text), product (azure-file-sync | mars-agent), remediation (Yes | No | Maybe) and limit (1-200)',
        });
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.send(200, browse(matcher, query.data));
    },
  );

  // The same for every request: computed once.
  let codes: ReturnType<typeof codeIndex> | null = null;
  server.get(
    '/api/knowledge/codes',
    guard,
    async (_req: restify.Request, res: restify.Response) => {
      codes ??= codeIndex(matcher);
      res.send(200, { codes });
    },
  );

  server.get('/api/knowledge/meta', guard, async (_req: restify.Request, res: restify.Response) => {
    res.send(200, {
      appId,
      entries: matcher.index.entries.length,
      articles: matcher.index.articles.length,
    });
  });
}
