/// <reference lib="dom" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../src/cli/playground';
import { answerCard, cardForAnswer } from '../../src/cards';
import { browserAvailable, launch } from './browser';
import { inspectCard, type CardReport } from './card-checks';
import { startTestApp, type TestApp } from '../support/test-app';

const run = browserAvailable() ? describe : describe.skip;
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const EVENTS = join(__dirname, '..', 'fixtures', 'events');
/** The bot's name in `.m365agentsplayground.yml`. */
const BOT = 'afsbot';
const REPLY_MS = 10_000;
jest.setTimeout(45_000);

let app: TestApp;
let playground: RunningPlayground;
let browser: Browser;
let page: Page;
/** Console errors other than the CDN fonts and script this offline machine cannot load. */
const consoleErrors: string[] = [];
const blocked = new Set<string>();
/** Every card inspected, by step: the figures the issue names (overflow, contrast). */
const measured: Record<string, CardReport[]> = {};

/** A port nothing listens on now (the playground silently moves when its port is busy). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The bot's messages in the conversation on screen: chat messages by their header, and replies
 * in a channel thread (a card under the bot's name).
 */
const botMessages = () =>
  page
    .locator('[aria-label="Message header"]')
    .filter({ has: page.locator('[aria-label="Message author"]', { hasText: BOT }) })
    .locator('xpath=..')
    .or(
      page.locator(
        `xpath=//span[text()="${BOT}"]/parent::div/parent::div[.//*[contains(@class,"ac-adaptiveCard")]]`,
      ),
    );

async function openConversation(name: RegExp): Promise<void> {
  await page.getByRole('treeitem', { name }).click();
  await page.locator('[role=textbox][contenteditable=true]').last().waitFor();
}

/** Types (or pastes, for several lines) into the compose box and sends, as a person would. */
async function send(text: string, opts: { mention?: boolean; post?: boolean } = {}) {
  const box = opts.post
    ? page.locator('[role=textbox][contenteditable=true]').first()
    : page.locator('[role=textbox][contenteditable=true]').last();
  await box.click();
  if (opts.mention) {
    await page.keyboard.type(`@${BOT.slice(0, 3)}`);
    await page.locator('#typeahead-menu').getByRole('menuitem', { name: BOT }).click();
    await page.keyboard.type(' ');
  }
  if (text.includes('\n')) {
    await box.evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  } else await page.keyboard.type(text);
  if (opts.post) await page.getByRole('button', { name: 'Post', exact: true }).click();
  else await page.keyboard.press('Enter');
}

/** Waits until the bot has more than `before` messages on screen; fails after REPLY_MS. */
async function botMessagesAbove(before: number, what: string): Promise<void> {
  const deadline = Date.now() + REPLY_MS;
  while ((await botMessages().count()) <= before) {
    if (Date.now() > deadline) {
      await page.screenshot({
        path: join(ARTIFACTS, `playground-missing-${what.replace(/\W+/g, '-')}.png`),
      });
      writeFileSync(join(ARTIFACTS, 'playground-missing.html'), await page.content());
      throw new Error(`no reply from the bot: ${what}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Waits for the bot's next message after `before` messages and returns it. */
async function nextReply(before: number, what: string): Promise<Locator> {
  await botMessagesAbove(before, what);
  const reply = botMessages().nth(before);
  await reply.scrollIntoViewIfNeeded();
  return reply;
}

/** Checks every card in a reply, records the figures under `step`, returns the problems. */
async function checkCards(step: string, reply: Locator): Promise<string[]> {
  const cards = reply.locator('.ac-adaptiveCard');
  const n = await cards.count();
  const reports: CardReport[] = [];
  for (let i = 0; i < n; i++) {
    // A card inside a card is a nested container style, inspected with its parent.
    if (await cards.nth(i).locator('xpath=ancestor::*[contains(@class,"ac-adaptiveCard")]').count())
      continue;
    reports.push(await inspectCard(cards.nth(i)));
  }
  measured[step] = reports;
  return reports.flatMap((r) => [
    ...r.problems,
    ...(r.minContrast.ratio < 4.5
      ? [`contrast ${r.minContrast.ratio}:1 below 4.5:1: "${r.minContrast.text}"`]
      : []),
  ]);
}

/** Sends, waits for the reply, checks its cards; returns the reply. */
async function ask(step: string, text: string, opts: { mention?: boolean; post?: boolean } = {}) {
  const before = await botMessages().count();
  await send(text, opts);
  const reply = await nextReply(before, step);
  expect(await checkCards(step, reply)).toEqual([]);
  return reply;
}

run('the bot in Microsoft 365 Agents Playground, as in Teams', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ HOST: '127.0.0.1' });
    playground = await startPlayground({
      endpoint: `${app.url}/api/messages`,
      port: await freePort(),
      workDir: app.dataDir,
    });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Offline: the page asks an Office CDN for fonts and one script; nothing leaves the machine.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) return route.continue();
      blocked.add(new URL(url).host);
      return route.abort();
    });
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() !== 'error') return;
      const where = m.location().url ?? '';
      const fromBlocked = [...blocked].some((h) => m.text().includes(h) || where.includes(h));
      if (!fromBlocked) consoleErrors.push(m.text().slice(0, 300));
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(playground.url);
    await page.locator('[role=textbox][contenteditable=true]').first().waitFor();
  }, 60_000);

  afterAll(async () => {
    writeFileSync(
      join(ARTIFACTS, 'playground-cards.json'),
      JSON.stringify({ consoleErrors, measured }, null, 2),
    );
    await browser?.close();
    await playground?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(consoleErrors).toEqual([]);
  });

  /** The card's text without its feedback row: what voting must leave as it was. */
  const withoutFeedback = (t: string) =>
    t
      .split('\n')
      .filter((l) => l.trim() && !/^(Helpful|Not helpful|Thanks, your feedback.*)$/.test(l.trim()))
      .join('\n');

  it('welcomes in the personal chat and answers a pasted code with a card that fits', async () => {
    await openConversation(/Personal Chat/);
    await botMessagesAbove(0, 'the welcome card');
    expect(await checkCards('welcome', botMessages().first())).toEqual([]);
    const reply = await ask('personal code', 'sync fails with 0x80c8305f on FS01');
    expect((await reply.innerText()).toLowerCase()).toContain('0x80c8305f');
    await reply.screenshot({ path: join(ARTIFACTS, 'playground-personal-answer.png') });
  });

  it('answers a question in words, and opens one of its other matches as a new card', async () => {
    const question = 'how do I see the recall activity on a server';
    const lookup = (id: string) => app.services.answers.entry(id);
    const [expected] = cardForAnswer(app.services.matcher.ask(question), lookup);
    const others = expected.body.find((n) => n.id === 'others');
    const first = /"entryId":"([^"]+)"/.exec(JSON.stringify(others))?.[1];
    expect(first).toBeDefined();
    const answer = await ask('personal question', question);
    const card = answer.locator('.ac-adaptiveCard').first();
    const before = await card.innerText();
    expect(before).toContain('Other matches');
    await answer.screenshot({ path: join(ARTIFACTS, 'playground-question-answer.png') });
    const count = await botMessages().count();
    // The other matches come before the related entries: the first "Open" is the first of them.
    await card.getByRole('button', { name: 'Open', exact: true }).first().click();
    const reply = await nextReply(count, 'another match');
    expect(await checkCards('another match', reply)).toEqual([]);
    expect(await reply.innerText()).toContain(lookup(first!)!.title);
    expect(await card.innerText()).toBe(before);
  });

  it('answers a pasted 9102 event with its summary, and voting keeps the summary', async () => {
    const event = readFileSync(join(EVENTS, '9102-failed.txt'), 'utf8');
    const reply = await ask('event paste', event);
    const card = reply.locator('.ac-adaptiveCard').first();
    const before = await card.innerText();
    expect(before).toContain('SG-Finance');
    await reply.screenshot({ path: join(ARTIFACTS, 'playground-event-paste.png') });
    await card.getByRole('button', { name: 'Helpful', exact: true }).click();
    await card.getByText(/Thanks, your feedback/).waitFor({ timeout: REPLY_MS });
    expect(withoutFeedback(await card.innerText())).toBe(withoutFeedback(before));
    expect(await checkCards('event paste voted', reply)).toEqual([]);
  });

  it('opens a related entry as a new card and keeps the answer it came from', async () => {
    // An answer whose card lists related entries (those that are not its own steps).
    const lookup = (id: string) => app.services.answers.entry(id);
    const entry = app.services.matcher.index.entries.find(
      (e) =>
        e.codes[0]?.hresult && JSON.stringify(answerCard(e, { lookup })).includes('"id":"related"'),
    );
    expect(entry).toBeDefined();
    const answer = await ask('answer with related entries', entry!.codes[0].hresult!);
    const card = answer.locator('.ac-adaptiveCard').first();
    const before = await card.innerText();
    const count = await botMessages().count();
    await card.getByRole('button', { name: 'Open', exact: true }).first().click();
    const reply = await nextReply(count, 'a related entry');
    expect(await checkCards('related entry', reply)).toEqual([]);
    // The card stays as it was (the playground shows the bot's note below it).
    expect(await card.innerText()).toBe(before);
  });

  it('offers did-you-mean for an ambiguous question and opens the choice as a new card', async () => {
    const question = ['agent', 'sync', 'tiering', 'backup'].find(
      (q) => app.services.matcher.ask(q).result.verdict === 'did-you-mean',
    );
    expect(question).toBeDefined();
    const reply = await ask('did you mean', question!);
    const card = reply.locator('.ac-adaptiveCard').first();
    const before = await card.innerText();
    const count = await botMessages().count();
    await reply.locator('button:has(.ac-pushButton-content)').first().click();
    const opened = await nextReply(count, 'a did-you-mean choice');
    expect(await checkCards('did you mean choice', opened)).toEqual([]);
    expect(await card.innerText()).toBe(before);
  });

  it('answers help and subscribe', async () => {
    const help = await ask('help', 'help');
    expect(await help.innerText()).toContain('subscribe');
    const sub = await ask('subscribe', 'subscribe rg-files/sync-east/finance');
    expect(await sub.innerText()).toMatch(/Subscribed/);
  });

  it('recognises its own answer inserted from the search extension', async () => {
    const count = await botMessages().count();
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).last().click();
    await page.getByText('Search Command', { exact: true }).click();
    await page.getByPlaceholder('Enter a search term').fill('cloud tiering');
    const result = page.getByText('Disable cloud tiering', { exact: true }).first();
    await result.waitFor({ timeout: REPLY_MS });
    await result.click();
    await page.getByRole('button', { name: 'Send Message' }).last().click();
    const reply = await nextReply(count, 'the inserted card');
    expect(await reply.innerText()).not.toMatch(/I read text only/);
  });

  it('answers an @mention in a group chat', async () => {
    await openConversation(/File server admins/);
    await ask('group help', 'help', { mention: true });
  });

  it('answers several codes in a channel post, each one fitting the column', async () => {
    await openConversation(/Sync alerts/);
    const reply = await ask(
      'channel several codes',
      'ECS_E_EXTERNAL_STORAGE_ACCOUNT_AUTHORIZATION_FAILED and 0x80c80207 and 0x80070005',
      {
        mention: true,
        post: true,
      },
    );
    await reply.screenshot({ path: join(ARTIFACTS, 'playground-channel-codes.png') });
  });

  it('fits at 320, 420 and 540 px: every card of the personal chat and the channel re-checked', async () => {
    // Teams narrows cards on mobile and beside an open pane; the playground's column is fixed, so
    // each card is narrowed in place and laid out again by the renderer.
    const problems: string[] = [];
    for (const conversation of [/Personal Chat/, /Sync alerts/]) {
      await openConversation(conversation);
      const cards = page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');
      const n = await cards.count();
      expect(n).toBeGreaterThan(0);
      for (const width of [320, 420, 540]) {
        for (let i = 0; i < n; i++) {
          const card = cards.nth(i);
          await card.evaluate((el, w) => {
            const box = el as HTMLElement;
            box.style.width = `${w}px`;
            box.style.maxWidth = `${w}px`;
            box.style.boxSizing = 'border-box';
          }, width);
          expect(Math.round((await card.boundingBox())!.width)).toBe(width);
          const r = await inspectCard(card);
          const title = ((await card.innerText()).split('\n')[0] ?? '').slice(0, 40);
          problems.push(...r.problems.map((p) => `${width}px "${title}": ${p}`));
          if (r.minContrast.ratio < 4.5)
            problems.push(`${width}px "${title}": contrast ${r.minContrast.ratio}`);
          measured[`${width}px`] = [...(measured[`${width}px`] ?? []), r];
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
