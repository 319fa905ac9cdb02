/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Frame, Page } from 'playwright-core';
import type { RunningApp } from '../../src/app';
import { browserAvailable, launch } from './browser';
import { fakeTeamsHost } from './fake-teams-host';
import { startTestApp } from '../support/test-app';

const run = browserAvailable() ? describe : describe.skip;
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const APP_ID = '11111111-2222-4333-8444-555555555555';

/** Console errors the page itself never causes: teams-js reaching for its CDN and hosts. */
const KNOWN = [
  /valid origins/i,
  /teams\.microsoft|res\.cdn\.office\.net|statics\.teams/i,
  /Failed to load resource/i,
];

let app: RunningApp;
let browser: Browser;
let foreign: Server;
let foreignUrl = '';

run('the knowledge tab in a browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({
      // An app id makes the server require tokens on /api/messages only; the tab is public.
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-used-by-these-tests',
      MicrosoftAppType: 'MultiTenant',
      HOST: '127.0.0.1',
    });
    browser = await launch();
    // A page on another origin that frames the tab, as a site that is not Teams would.
    foreign = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(
        `<!doctype html><iframe id="tab" src="${app.url}/tab" style="width:1000px;height:900px"></iframe>`,
      );
    });
    await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => foreign?.close(r));
    await app?.close();
  });

  /** A new page that records console errors other than the known teams-js ones. */
  async function open(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    const errors: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && !KNOWN.some((k) => k.test(m.text()))) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  const cardText = (frame: Page | Frame) =>
    frame.locator('#cards .ac-adaptiveCard').first().innerText();

  it('runs standalone at top level: search as you type, open an entry as its card, follow its link', async () => {
    const { page, errors } = await open();
    await page.goto(`${app.url}/`);
    await page.waitForSelector('body[data-ready="standalone"]');
    expect(await page.locator('#host').innerText()).toBe('Standalone page');
    await page.fill('#search', '0x80c8305f');
    await page.waitForFunction(() =>
      document.querySelector('#results li')?.textContent?.includes('0x80c8305f'),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'tab-search.png') });
    await page.locator('#results li').first().click();
    await page.waitForSelector('#cards .ac-adaptiveCard');
    expect(await cardText(page)).toContain("Sync can't access the Azure file share");
    const link = await page.inputValue('#link');
    expect(link).toMatch(/#entry=afs-err-80c8305f$/);
    await page.screenshot({ path: join(ARTIFACTS, 'tab-entry.png') });

    // The link opens the entry directly in a new page.
    const second = await open();
    await second.page.goto(link);
    await second.page.waitForSelector('#cards .ac-adaptiveCard');
    expect(await cardText(second.page)).toContain("Sync can't access the Azure file share");
    await second.page.close();
    expect(errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await page.close();
  });

  it('shows code as written, line by line, where CodeBlock is not rendered', async () => {
    const { page, errors } = await open();
    await page.goto(`${app.url}/#entry=afs-troubleshoot-storage-account`);
    await page.waitForSelector('#cards .ac-adaptiveCard');
    const text = await cardText(page);
    expect(text).toContain('$region = "<Az_Region>"');
    expect(text).toContain('$syncService = "<storage-sync-service>"');
    expect(text).not.toMatch(/\\</);
    // Each line of the script is its own line: a comment never runs into the code after it.
    expect(text).toMatch(/^#.*\n\$region = "<Az_Region>"$/m);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters by product and by remediation required, and lists every code', async () => {
    const { page, errors } = await open();
    await page.goto(`${app.url}/`);
    await page.waitForSelector('body[data-ready="standalone"] #results li');
    await page.selectOption('#product', 'mars-agent');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#results li .meta')).every((m) =>
        m.textContent!.startsWith('MARS agent'),
      ),
    );
    expect(await page.locator('#results li').count()).toBeGreaterThan(5);
    await page.selectOption('#product', 'azure-file-sync');
    await page.selectOption('#remediation', 'No');
    await page.waitForFunction(() => {
      const metas = Array.from(document.querySelectorAll('#results li .meta'));
      return (
        metas.length > 0 &&
        metas.every(
          (m) => m.textContent!.startsWith('Azure File Sync') && m.querySelector('.flag-No'),
        )
      );
    });
    await page.click('button[data-view="codes"]');
    await page.waitForFunction(() => document.querySelectorAll('#code-rows tr').length > 140);
    await page.screenshot({ path: join(ARTIFACTS, 'tab-codes.png') });
    await page.locator('#code-rows tr', { hasText: '0x80c8305f' }).locator('a').first().click();
    await page.waitForSelector('#cards .ac-adaptiveCard');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers a message as the bot would (the playground), from ?q=', async () => {
    const { page, errors } = await open();
    await page.goto(
      `${app.url}/?q=${encodeURIComponent('ECS_E_SYNC_METADATA_KNOWLEDGE_LIMIT_REACHED')}`,
    );
    await page.waitForSelector('#cards .ac-adaptiveCard');
    expect(await page.locator('#status').innerText()).toContain('Confident answer');
    expect(await cardText(page)).toMatch(/0x80c8[0-9a-f]{4}/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens one of the other matches of an answered question as its card', async () => {
    const question = 'how do I see the recall activity on a server';
    const { page, errors } = await open();
    await page.goto(`${app.url}/?q=${encodeURIComponent(question)}`);
    await page.waitForSelector('#cards .ac-adaptiveCard');
    expect(await page.locator('#status').innerText()).toContain('Confident answer');
    const answer = await cardText(page);
    expect(answer).toContain('Other matches');
    // The row's label is the entry's title; its button opens that entry.
    const rows = (answer.split('Other matches')[1] ?? '').split('\n').filter((l) => l.trim());
    const title = rows.find((l) => l.trim() !== 'Open')!.trim();
    await page
      .locator('#cards .ac-adaptiveCard')
      .first()
      .getByRole('button', { name: 'Open', exact: true })
      .first()
      .click();
    await page.waitForFunction(
      (t) => document.querySelector('#cards .ac-adaptiveCard')?.textContent?.startsWith(t),
      title,
    );
    expect(await cardText(page)).not.toContain('Other matches');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says when the bot offers a choice rather than an answer (the verdict)', async () => {
    const { page, errors } = await open();
    await page.goto(`${app.url}/?q=${encodeURIComponent('sync error')}`);
    await page.waitForSelector('#cards .ac-adaptiveCard');
    expect(await page.locator('#status').innerText()).toContain('Did you mean one of these?');
    expect(await cardText(page)).toContain('Which of these did you mean?');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('does not render inside a frame on an origin that is not a Microsoft 365 host', async () => {
    const { page } = await open();
    const refused: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (/frame-ancestors/.test(m.text())) refused.push(m.text());
    });
    await page.goto(foreignUrl);
    // The Content-Security-Policy's frame-ancestors keeps the tab out of this frame altogether.
    await expect(
      page.frameLocator('#tab').locator('body[data-ready]').waitFor({ timeout: 3000 }),
    ).rejects.toThrow(/Timeout/);
    expect(await page.frameLocator('#tab').locator('#search').count()).toBe(0);
    expect(refused.join('\n')).toMatch(/frame-ancestors/);
    await page.screenshot({ path: join(ARTIFACTS, 'tab-foreign-frame.png') });
    await page.close();
  });

  it('renders inside a frame on https://teams.microsoft.com', async () => {
    const { page, errors } = await open();
    // The host page is answered by the browser's request routing under the Teams origin.
    await page.route('https://teams.microsoft.com/_host', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: fakeTeamsHost(`${app.url}/tab`, { theme: 'default' }),
      }),
    );
    await page.goto('https://teams.microsoft.com/_host');
    const frame = page.frameLocator('#tab');
    await frame.locator('body[data-ready]').waitFor({ timeout: 6000 });
    await frame.locator('#search').fill('cloud tiering recall');
    await frame.locator('#results li').first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('inside Teams takes the theme, follows theme changes and opens a deep-linked entry', async () => {
    const { page, errors } = await open();
    // Served on the tab's own origin: teams-js accepts messages from there.
    await page.route(`${app.url}/__teams-host`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: fakeTeamsHost('/tab', { theme: 'dark', subEntityId: 'afs-err-80c8305f' }),
      }),
    );
    await page.goto(`${app.url}/__teams-host`);
    const frame = page.frameLocator('#tab');
    await frame.locator('body[data-ready="teams"][data-theme="dark"]').waitFor({ timeout: 6000 });
    expect(await frame.locator('#host').innerText()).toBe('In Teams');
    await frame.locator('#cards .ac-adaptiveCard').waitFor();
    expect(await frame.locator('#cards .ac-adaptiveCard').first().innerText()).toContain(
      "Sync can't access the Azure file share",
    );
    // A Teams deep link, with the entry as the sub-entity id.
    const link = await frame.locator('#link').inputValue();
    expect(link).toContain(`https://teams.microsoft.com/l/entity/${APP_ID}/knowledge?context=`);
    expect(decodeURIComponent(link)).toContain('"subEntityId":"afs-err-80c8305f"');
    await page.screenshot({ path: join(ARTIFACTS, 'tab-teams-dark.png') });
    await page.evaluate(() =>
      (window as unknown as { setTheme(t: string): void }).setTheme('contrast'),
    );
    await frame.locator('body[data-theme="contrast"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'tab-teams-contrast.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
