// The agent's day over a generated profile of 100,000 conversations, in real Chromium against `npm run web`:
// the newest conversations at once and any other reachable by scrolling, search and views over all of them, the
// customer panel and a merge, a reply with a copy and a file, and a desktop notification for mail that arrives
// through real Dovecot meanwhile. Nothing here is timed (bench/inbox-scale measures); it must all work at scale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailServers, type MailServers } from '../harness/mail-servers.js';
import { launchChromium } from '../support/browser.js';
import { buildLargeProfile, customer, RETURNING, type LargeProfile } from '../support/large-profile.js';
import { rfc822 } from '../support/mailbox.js';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process.js';
import { InboxPage } from './pages/inbox-page.js';

const N = 100_000;
let servers: MailServers;
let browser: Browser;
let host: WebHostProcess;
let page: Page;
let inbox: InboxPage;
let profile: LargeProfile;
let profileDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-large-'));
  profile = buildLargeProfile(profileDir, N);
  [servers, browser, host] = await Promise.all([startMailServers(), launchChromium(), startWebHostProcess(profileDir)]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The page's desktop notifications, recorded (a headless browser shows none), as allowed.
  await page.addInitScript(`(() => {
    const shown = [];
    window.shownNotifications = shown;
    window.Notification = class {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title, options = {}) { this.onclick = null; this.title = title; this.body = options.body || ''; shown.push(this); }
      close() {}
    };
  })()`);
  inbox = new InboxPage(page);
  await inbox.open(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await servers?.stop();
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  // An uncaught error in the page is a bug the agent would see as a broken window.
  expect(pageErrors).toEqual([]);
});

const rows = () => page.locator('.conversation-list [role=option]');
const search = () => page.getByRole('searchbox', { name: 'Search' });
const summary = () => page.getByTestId('search-summary');

describe(`the inbox over a generated profile of ${N.toLocaleString('en')} conversations`, () => {
  it('shows the newest conversations at once and reaches older ones page by page', async () => {
    expect(profile.conversations).toBe(N + profile.returningCustomers);
    // Newest first: the customers who wrote a second time, latest of them on top.
    const newest = (profile.returningCustomers - 1) * RETURNING;
    await expect.poll(() => rows().first().textContent(), { timeout: 120_000 }).toContain(`Second order #${newest}`);
    // The title counts unread conversations (capped), as the dock badge does.
    await expect.poll(() => page.title()).toBe('(999+) Cross-border Inbox');
    // Scrolling to the end of what is loaded brings the next pages, each after the last row.
    const list = page.locator('.conversation-list');
    for (let pages = 2; pages <= 3; pages++) {
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect.poll(async () => Number(await rows().last().getAttribute('aria-setsize'))).toBeGreaterThanOrEqual(pages * 200);
    }
  });

  it('finds one order among all of them, and counts each view over the whole profile', async () => {
    const wanted = customer(54_321);
    await search().fill(wanted.order);
    await expect.poll(() => summary().textContent()).toBe('1 conversation found');
    expect(await rows().first().textContent()).toContain(wanted.name);
    // Words in the buyers' own languages, across every conversation (more than a page of them).
    await search().fill('Salbeigrün');
    await expect.poll(() => summary().textContent()).toMatch(/^[\d,]+ conversations found$/);
    await search().fill('');
    await expect.poll(() => page.getByTestId('view-unread').textContent()).toMatch(/^Unread\d[\d,]*\+?$/);
    await page.getByTestId('view-unread').click();
    await expect.poll(() => rows().first().getAttribute('class')).toContain('unread');
    await search().fill('');
  });

  it("shows a returning customer's other conversation in the panel, merges it, and undoes the merge", async () => {
    const returning = customer(54_000);
    await search().fill(`from:${returning.address}`);
    await expect.poll(() => summary().textContent()).toBe('2 conversations found');
    await rows().filter({ hasText: 'Second order #54000' }).click();
    const panel = page.getByTestId('customer-panel');
    await expect.poll(() => panel.textContent()).toContain('1 other conversation:');
    await panel.getByRole('button', { name: 'Merge “Order question #54000” into this conversation' }).click();
    await expect.poll(() => inbox.thread().locator('.message').count()).toBe(2);
    await expect.poll(() => summary().textContent()).toBe('1 conversation found');
    await inbox.thread().getByRole('button', { name: 'Undo merge of “Order question #54000”' }).click();
    await expect.poll(() => summary().textContent()).toBe('2 conversations found');
    await expect.poll(() => inbox.thread().locator('.message').count()).toBe(1);
  });

  it('answers with a copy and a file from disk', async () => {
    await inbox.thread().getByRole('button', { name: 'Cc/Bcc' }).click();
    await inbox.thread().getByRole('textbox', { name: 'Cc', exact: true }).fill('warehouse@scale-shop.example');
    await inbox.thread().locator('input[type=file]').setInputFiles({ name: 'invoice-54000.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 invoice') });
    await expect.poll(() => inbox.thread().getByTestId('reply-file').textContent()).toMatch(/^invoice-54000\.pdf \(/);
    await inbox.reply('Hello, your invoice is attached.');
    const mine = inbox.thread().locator('.message.out').last();
    await expect.poll(() => mine.locator('.recipients').textContent()).toBe('to Buyer 54000 · cc warehouse@scale-shop.example');
    await expect.poll(() => mine.getByText('invoice-54000.pdf').count()).toBe(1);
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
    await search().fill('');
  });

  it('tells the agent on the desktop about mail that arrives meanwhile, and opens it from the notification', async () => {
    const seller = 'seller@example.test';
    const buyer = 'rafael@example.test';
    await servers.addUser(seller, 'shop-secret');
    await page.getByRole('button', { name: 'Add channel…' }).click();
    await inbox.addEmailAccount(
      {
        email: seller,
        name: 'Scale Shop Mail',
        imap: { host: '127.0.0.1', port: servers.imapPort, tls: 'off' },
        smtp: { host: '127.0.0.1', port: servers.smtpPort, tls: 'off' },
        password: 'shop-secret',
      },
      'E-mail account',
    );
    await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent()).toContain('Up to date');
    await servers.deliver(seller, rfc822({
      From: `"Rafael Oliveira" <${buyer}>`, To: seller, Subject: 'Taxa de importação', 'Message-ID': '<large-1@customer.example.test>',
      'Content-Type': 'text/plain; charset=utf-8',
    }, 'Olá, os Correios estão cobrando R$ 87,40 de imposto.'));
    const shown = () => page.evaluate<string[]>('window.shownNotifications.map((n) => n.title + ": " + n.body)');
    await expect.poll(shown).toEqual(['Rafael Oliveira: Olá, os Correios estão cobrando R$ 87,40 de imposto.']);
    await expect.poll(() => rows().first().textContent()).toContain('Taxa de importação');
    await page.evaluate('window.shownNotifications[0].onclick()');
    await inbox.messageBody('os Correios estão cobrando').waitFor();
  });
});
