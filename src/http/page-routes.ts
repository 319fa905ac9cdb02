import type restify from 'restify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root';
import { setSecurityHeaders } from './security-headers';

const asset = (...parts: string[]) => join(projectRoot(), ...parts);

const page =
  (file: string, type: string) => async (_req: restify.Request, res: restify.Response) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-cache');
    setSecurityHeaders(res);
    res.sendRaw(200, readFileSync(asset(...file.split('/'))));
  };

/** The knowledge tab is also the local playground: one page at / (browser) and /tab (Teams), and its scripts. */
export function pageRoutes(server: restify.Server): void {
  const html = page('src/web/knowledge.html', 'text/html; charset=utf-8');
  server.get('/', html);
  server.get('/tab', html);
  const js = 'text/javascript; charset=utf-8';
  server.get('/static/knowledge.js', page('src/web/knowledge.js', js));
  server.get('/static/knowledge.css', page('src/web/knowledge.css', 'text/css; charset=utf-8'));
  server.get(
    '/static/adaptivecards.js',
    page('node_modules/adaptivecards/dist/adaptivecards.min.js', js),
  );
  server.get(
    '/static/teams.js',
    page('node_modules/@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js', js),
  );
}
