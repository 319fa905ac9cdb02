import type restify from 'restify';
import type { Matcher } from '../matching/ask';
import { BrowseQuery, browse, codeIndex } from '../matching/browse';

/**
 * The knowledge tab's read-only API: search with filters, the index of codes and what the page
 * needs to know about the bot. Entries and answers come from `/api/entries/:id` and `/api/ask`.
 * Nothing here reads live health or stored state.
 */
export function knowledgeRoutes(
  server: restify.Server,
  matcher: Matcher,
  appId: string | null,
): void {
  server.get('/api/knowledge/search', async (req: restify.Request, res: restify.Response) => {
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
  });

  // The same for every request: computed once.
  let codes: ReturnType<typeof codeIndex> | null = null;
  server.get('/api/knowledge/codes', async (_req: restify.Request, res: restify.Response) => {
    codes ??= codeIndex(matcher);
    res.send(200, { codes });
  });

  server.get('/api/knowledge/meta', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, {
      appId,
      entries: matcher.index.entries.length,
      articles: matcher.index.articles.length,
    });
  });
}
