// The whole product path in real Chromium against `npm run web` and real mail servers: add an account
// through the form, see delivered mail arrive, reply from the thread, find the reply on the server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { eventually, startMailServers, type MailServers } from '../harness/mail-servers.js';
import { launchChromium } from '../support/browser.js';
import { readMailbox, rfc822 } from '../support/mailbox.js';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process.js';
import { InboxPage } from './pages/inbox-page.js';
import { startOAuthContractServer, type OAuthContractServer } from '../contracts/oauth2/server.js';
import { startTelegramContractServer } from '../contracts/telegram/server.js';
import { startEbayContractServer } from '../contracts/ebay/server.js';
import { startMetaContractServer } from '../contracts/meta/server.js';
import { startMeliContractServer } from '../contracts/mercadolibre/server.js';
import { startDeepLServer } from '../contracts/translation/servers.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

let servers: MailServers;
let provider: OAuthContractServer;
let browser: Browser;
let host: WebHostProcess;
let page: Page;
let inbox: InboxPage;
let n = 0;
let pageErrors: string[] = [];
/** Screenshots of main screens, kept after the run as test artifacts (not in the system's temp folder). */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-artifacts/screenshots');

beforeAll(async () => {
  provider = await startOAuthContractServer({ clientId: 'lumen-desktop', introspectionClient: { id: 'dovecot', secret: 'e2e' } });
  [servers, browser] = await Promise.all([
    startMailServers({ oauth2IntrospectionUrl: provider.introspectionUrlForDovecot }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await servers?.stop();
  await provider?.close();
});
beforeEach(async () => {
  host = await startWebHostProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-e2e-')));
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  inbox = new InboxPage(page);
  await inbox.open(host.url);
});
afterEach(async () => {
  await page?.close();
  await host?.stop();
  // An uncaught error in the page is a bug the agent would see as a broken window.
  expect(pageErrors).toEqual([]);
});

async function mailboxes() {
  n += 1;
  const seller = `shop${n}@example.test`;
  const buyer = `customer${n}@example.test`;
  await servers.addUser(seller, 'shop-secret');
  await servers.addUser(buyer, 'customer-secret');
  return { seller, buyer };
}

/** The demo workspace with half a minute to take a reply back (the setting beside the accounts; 5 s unless changed). */
async function demoWithUndoWindow() {
  await page.getByRole('button', { name: 'Open demo workspace' }).click();
  const seconds = page.getByRole('spinbutton', { name: /Undo send/ });
  await expect.poll(() => seconds.inputValue()).toBe('5');
  await seconds.fill('30');
  await seconds.press('Tab');
  return seconds;
}

const form = (email: string, password: string) => ({
  email,
  name: 'Lumen Crafts',
  imap: { host: '127.0.0.1', port: servers.imapPort, tls: 'off' as const },
  smtp: { host: '127.0.0.1', port: servers.smtpPort, tls: 'off' as const },
  password,
});

describe('the inbox in a browser', () => {
  it('adds an account, shows delivered mail, and sends a reply that reaches the customer', async () => {
    const { seller, buyer } = await mailboxes();
    // The page's notifications, recorded (a headless browser shows none), as allowed.
    await page.evaluate(() => {
      const shown: Array<{ title: string; body: string; onclick: (() => void) | null }> = [];
      Object.assign(globalThis, { shownNotifications: shown });
      class Recorded {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body?: string } = {}) {
          shown.push(Object.assign(this, { title, body: options.body ?? '' }));
        }
        close() {}
      }
      Object.assign(globalThis, { Notification: Recorded });
    });
    const notifications = () => page.evaluate(() => (globalThis as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications.map((n) => `${n.title}: ${n.body}`));
    await inbox.addEmailAccount(form(seller, 'shop-secret'));
    await expect.poll(() => inbox.account(seller).isVisible()).toBe(true);
    await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent()).toContain('Up to date');

    // Mail delivered after the account is up arrives through IDLE, without any click.
    await servers.deliver(seller, rfc822({
      From: `"Rafael Oliveira" <${buyer}>`, To: seller, Subject: 'Taxa de importação', 'Message-ID': '<e2e-1@customer.example.test>',
      'Content-Type': 'text/plain; charset=utf-8',
    }, 'Olá, os Correios estão cobrando R$ 87,40 de imposto.'));
    const row = inbox.conversation('Rafael Oliveira');
    await row.waitFor();
    expect(await row.textContent()).toContain('Taxa de importação');
    expect(await row.locator('.unread-count').textContent()).toBe('1');
    // Told on the desktop, counted in the window title (the dock badge in the desktop app).
    await expect.poll(notifications).toEqual(['Rafael Oliveira: Olá, os Correios estão cobrando R$ 87,40 de imposto.']);
    await expect.poll(() => page.title()).toBe('(1) Cross-border Inbox');

    // Clicking the notification opens the conversation.
    await page.evaluate(() => (globalThis as unknown as { shownNotifications: Array<{ onclick: () => void }> }).shownNotifications[0]!.onclick());
    await inbox.messageBody('os Correios estão cobrando').waitFor();
    // Opening a conversation marks it read.
    await expect.poll(() => row.locator('.unread-count').count()).toBe(0);
    await expect.poll(() => page.title()).toBe('Cross-border Inbox');

    await inbox.reply('Olá Rafael, vamos reembolsar a taxa. 🙏');
    await inbox.messageBody('vamos reembolsar a taxa').waitFor();
    await expect.poll(() => inbox.sendStates().last().textContent(), { timeout: 30_000 }).toBe('Sent');
    // The customer's own message carries no delivery state, and its raw source is one click away.
    expect(await inbox.thread().locator('.message.in').getByTestId('send-state').count()).toBe(0);
    await inbox.thread().locator('.message.in').getByRole('button', { name: 'View source' }).click();
    await inbox.dialog().getByText('Message-ID: <e2e-1@customer.example.test>').waitFor();
    await page.keyboard.press('Escape');

    const received = await eventually(async () => {
      const mail = await readMailbox(servers.imapPort, buyer, 'customer-secret');
      return mail.length > 0 ? mail : undefined;
    }, 'the reply in the customer mailbox');
    expect(received[0]!.subject).toBe('Re: Taxa de importação');
    expect(received[0]!.inReplyTo).toBe('<e2e-1@customer.example.test>');
    expect(received[0]!.text).toContain('vamos reembolsar a taxa. 🙏');
    const sent = await eventually(async () => {
      const mail = await readMailbox(servers.imapPort, seller, 'shop-secret', 'Sent');
      return mail.length > 0 ? mail : undefined;
    }, 'the reply in Sent');
    expect(sent.map((m) => m.messageId)).toEqual([received[0]!.messageId]);
  });

  it('explains a rejected password in the form and keeps the entered details', async () => {
    const { seller } = await mailboxes();
    await inbox.addEmailAccount(form(seller, 'not-the-password'));
    await inbox.formError().waitFor();
    expect(await inbox.formError().textContent()).toContain('The server rejected the user name or password.');
    expect(await inbox.dialog().getByLabel('Email address').inputValue()).toBe(seller);
  });

  it('signs in with the browser (OAuth), and signs in again after access was revoked', async () => {
    const { seller, buyer } = await mailboxes();
    provider.consent = { user: seller };
    await page.getByRole('button', { name: 'Add email account' }).click();
    const dialog = inbox.dialog();
    await dialog.getByLabel('Email address').fill(seller);
    for (const [kind, port] of [['imap', servers.imapPort], ['smtp', servers.smtpPort]] as const) {
      await dialog.locator(`select[name=${kind}-tls]`).selectOption('off');
      await dialog.locator(`input[name=${kind}-host]`).fill('127.0.0.1');
      await dialog.locator(`input[name=${kind}-port]`).fill(String(port));
    }
    await dialog.getByRole('radio', { name: 'Browser sign-in (OAuth 2.0)' }).check();
    // The password is not asked for at all.
    expect(await dialog.locator('input[name=password]').count()).toBe(0);
    await dialog.getByLabel('Client ID').fill('lumen-desktop');
    await dialog.getByLabel('Authorization URL').fill(provider.authorizationUrl);
    await dialog.getByLabel('Token URL').fill(provider.tokenUrl);
    await dialog.getByLabel('Scopes (separated by spaces)').fill('mail offline_access');
    // The provider's page opens in a new browser window; consenting there brings the user back to the app.
    const signInPage = page.context().waitForEvent('page');
    await dialog.getByRole('button', { name: 'Sign in with browser' }).click();
    const browserTab = await signInPage;
    await browserTab.getByText('You can close this tab').waitFor();
    await browserTab.close();
    await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent(), { timeout: 20_000 }).toContain('Up to date');

    await servers.deliver(seller, rfc822({ From: `"Mei Chen" <${buyer}>`, To: seller, Subject: 'Wholesale', 'Message-ID': '<e2e-oauth@customer.example.test>' }, 'Price for 200 units?'));
    await inbox.conversation('Mei Chen').waitFor();

    // The seller removes the app's access at the provider: the account says so and offers to sign in again.
    // Providers end the open sessions too; the app reconnects and finds its refresh token refused.
    provider.revokeUser(seller);
    await servers.doveadm('kick', seller);
    await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent(), { timeout: 20_000 }).toContain('Sign in again');
    await inbox.account(seller).getByRole('button', { name: 'Sign in again' }).click();
    const again = page.context().waitForEvent('page');
    await inbox.dialog().getByRole('button', { name: 'Sign in with browser' }).click();
    const tab = await again;
    await tab.getByText('You can close this tab').waitFor();
    await tab.close();
    await page.getByText(`${seller} is signed in again.`).waitFor();
    await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent(), { timeout: 20_000 }).toContain('Up to date');
  });

  it('shows HTML mail formatted with its inline image, runs nothing in it, and loads remote images only when asked', async () => {
    const { seller, buyer } = await mailboxes();
    // A "tracking pixel" server: any request to it means the sender learns the mail was opened.
    let pixelHits = 0;
    const tracker = http.createServer((_req, res) => {
      pixelHits += 1;
      res.writeHead(200, { 'content-type': 'image/gif' });
      res.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
    });
    await new Promise<void>((r) => tracker.listen(0, '127.0.0.1', () => r()));
    const pixel = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}/open.gif`;
    // A 2×1 PNG shown in place through cid:.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mP8z8DwnwEIGAEAF/0C/0Fu1w4AAAAASUVORK5CYII=';
    try {
      await inbox.addEmailAccount(form(seller, 'shop-secret'));
      await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent()).toContain('Up to date');
      await servers.deliver(seller, [
        `From: "Anna Schmidt" <${buyer}>`, `To: ${seller}`, 'Subject: Lieferung', 'Message-ID: <html-1@customer.example.test>',
        'MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="rel"', '',
        '--rel', 'Content-Type: text/html; charset=utf-8', '',
        `<p>Hallo, <b id="greeting">wo bleibt</b> meine Lieferung?</p><img id="photo" src="cid:box@anna"><img id="pixel" src="${pixel}">`,
        '<script>document.body.innerHTML = "HACKED"</script><img src="x" onerror="document.body.innerHTML = \'HACKED\'">',
        '<form action="https://evil.example/steal"><input name="pw"></form>',
        '--rel', 'Content-Type: image/png', 'Content-ID: <box@anna>', 'Content-Transfer-Encoding: base64', '', png, '--rel--', '',
      ].join('\r\n'));
      await inbox.conversation('Anna Schmidt').click();
      const frame = page.frameLocator('.thread .html-body iframe');
      await frame.locator('#greeting').waitFor();
      expect(await frame.locator('body').textContent()).toContain('wo bleibt meine Lieferung?');
      expect(await frame.locator('body').textContent()).not.toContain('HACKED');
      expect(await frame.locator('script, form, input, [onerror]').count()).toBe(0);
      // The inline image is there (from the message itself); the tracking pixel was never requested.
      await expect.poll(() => frame.locator('#photo').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(2);
      expect(pixelHits).toBe(0);
      await inbox.thread().getByRole('button', { name: 'Load them' }).click();
      await expect.poll(() => pixelHits).toBe(1);
      // The plain-text version is one click away.
      await inbox.thread().getByRole('button', { name: 'Show as plain text' }).click();
      await inbox.thread().locator('.message .body', { hasText: 'wo bleibt meine Lieferung?' }).waitFor();
    } finally {
      tracker.close();
    }
  });

  it('scrolls a mailbox of hundreds of conversations with only the visible rows drawn, loading older ones on the way', async () => {
    const { seller } = await mailboxes();
    const total = 400;
    for (let i = 0; i < total; i++) {
      await servers.deliver(seller, rfc822({
        From: `"Kunde ${i}" <kunde${i}@example.test>`, To: seller, Subject: `Anfrage ${i}`, 'Message-ID': `<big-list-${i}@example.test>`,
        Date: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toUTCString(),
      }, `Frage Nummer ${i}`));
    }
    await inbox.addEmailAccount(form(seller, 'shop-secret'));
    await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent(), { timeout: 60_000 }).toContain('Up to date');
    await inbox.conversation(`Kunde ${total - 1}`).waitFor();
    // Only the rows in view (and a few around them) are in the page.
    const list = page.getByRole('listbox');
    expect(await list.getByRole('option').count()).toBeLessThan(60);
    // Scrolling to the end loads the older pages until the very first conversation shows.
    await expect
      .poll(async () => {
        await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
        return inbox.conversation('Kunde 0').count();
      }, { timeout: 30_000 })
      .toBe(1);
    expect(await list.getByRole('option').first().getAttribute('aria-setsize')).toBe(String(total));
    expect(await list.getByRole('option').count()).toBeLessThan(60);
    // The keyboard still walks the list: K moves up from the oldest.
    await inbox.conversation('Kunde 0').click();
    await page.keyboard.press('k');
    await inbox.messageBody('Frage Nummer 1').waitFor();
  });

  it('uses the app\'s own Gmail registration: browser sign-in is chosen and no client ID is asked for', async () => {
    // A distributor's resources/oauth-clients.json, given to this run of the app.
    const clients = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-clients-')), 'oauth-clients.json');
    fs.writeFileSync(clients, JSON.stringify({ gmail: { clientId: '123-lumen.apps.googleusercontent.com' } }));
    await page.close();
    await host.stop();
    host = await startWebHostProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-e2e-')), { INBOX_OAUTH_CLIENTS: clients });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    inbox = new InboxPage(page);
    await inbox.open(host.url);
    await page.getByRole('button', { name: 'Add email account' }).click();
    await inbox.dialog().getByLabel('Email address').fill('lumen.crafts@gmail.com');
    // The form picks the sign-in method once it has looked up the provider: wait for that, then check the rest.
    await expect.poll(() => inbox.dialog().getByRole('radio', { name: 'Browser sign-in (OAuth 2.0)' }).isChecked()).toBe(true);
    await expect.poll(() => inbox.dialog().getByText("Gmail's sign-in page opens in your browser").count()).toBe(1);
    expect(await inbox.dialog().locator('input[name=password]').count()).toBe(0);
    expect(await inbox.dialog().getByLabel('Client ID').isVisible()).toBe(false);
    // Clicking would open Google's real page, which this machine cannot reach: the form is where this ends.
  });

  it('fills in a known provider and says which password it needs', async () => {
    await page.getByRole('button', { name: 'Add email account' }).click();
    await inbox.dialog().getByLabel('Email address').fill('lumen.crafts@qq.com');
    expect(await inbox.dialog().locator('input[name=imap-host]').inputValue()).toBe('imap.qq.com');
    expect(await inbox.dialog().locator('input[name=smtp-port]').inputValue()).toBe('465');
    expect(await inbox.dialog().getByTestId('preset-hint').textContent()).toContain('authorization code');
  });

  it('opens the demo workspace and switches the interface to Simplified Chinese', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('王磊').waitFor();
    expect(await page.getByRole('option').count()).toBeGreaterThanOrEqual(8);
    // Archive one conversation: it leaves the inbox and waits in the Archive view.
    await inbox.conversation('Emily Carter').click();
    await page.locator('.thread-header').getByRole('button', { name: 'Archive', exact: true }).click();
    await expect.poll(() => inbox.conversation('Emily Carter').count()).toBe(0);
    await page.locator('.views').getByRole('button', { name: 'Archive' }).click();
    await inbox.conversation('Emily Carter').click();
    // An internal note stays with the conversation and is marked as the team's.
    await page.getByRole('tab', { name: 'Note' }).click();
    const note = page.getByRole('textbox', { name: 'Note', exact: true });
    await note.fill('Wholesale: offer 15% above 150 units.');
    await note.press('Control+Enter');
    await inbox.thread().locator('.note', { hasText: 'offer 15% above 150 units' }).waitFor();
    expect(await inbox.sendStates().count()).toBe(0);
    // Blocking the sender files her conversation as spam; unblocking brings it back to the inbox.
    await page.locator('.thread-header').getByRole('button', { name: 'Block sender' }).click();
    await expect.poll(() => inbox.conversation('Emily Carter').count()).toBe(0);
    await page.locator('.views').getByRole('button', { name: 'Spam' }).click();
    await inbox.conversation('Emily Carter').click();
    await page.locator('.thread-header').getByRole('button', { name: 'Unblock sender' }).click();
    await expect.poll(() => inbox.conversation('Emily Carter').count()).toBe(0);
    await page.locator('.views').getByRole('button', { name: 'Inbox' }).click();
    await inbox.conversation('Emily Carter').waitFor();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '立即同步' }).waitFor();
    await inbox.conversation('王磊').click();
    expect(await page.getByRole('textbox', { name: '回复' }).getAttribute('placeholder')).toBe('给 王磊 写回复…');
    await fs.promises.mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox-zh-CN.png') });
    // The choice survives a reload.
    await page.reload();
    await page.getByRole('button', { name: '添加渠道…' }).waitFor();
  });

  it('switches language on the welcome screen, and leaves the demo behind by removing it', async () => {
    // The welcome screen itself offers the language.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '打开演示工作区' }).click();
    await inbox.conversation('王磊').waitFor();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    // Remove the demo: a confirmation says what goes, then the app is back at its first screen.
    await page.getByRole('button', { name: 'Remove Lumen & Loom Crafts' }).click();
    await inbox.dialog().getByText('This removes the demo workspace').waitFor();
    await inbox.dialog().getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('button', { name: 'Open demo workspace' }).waitFor();
    await page.getByRole('button', { name: 'Add email account' }).click();
    // No TLS to a server elsewhere gets a warning; a server on this computer does not need one.
    await inbox.dialog().locator('input[name=imap-host]').fill('mail.example.test');
    await inbox.dialog().locator('select[name=imap-tls]').selectOption('off');
    await inbox.dialog().getByTestId('no-tls-warning').waitFor();
    await inbox.dialog().locator('input[name=imap-host]').fill('127.0.0.1');
    await inbox.dialog().locator('input[name=smtp-host]').fill('localhost');
    await inbox.dialog().locator('select[name=smtp-tls]').selectOption('off');
    await expect.poll(() => inbox.dialog().getByTestId('no-tls-warning').count()).toBe(0);
  });

  it("opens in the operating system's language on first run, and holds its layout in long German and in Japanese", async () => {
    // A German computer: the first screen is German without asking.
    await page.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    inbox = new InboxPage(page);
    await inbox.open(host.url);
    await page.getByRole('button', { name: 'Demo-Arbeitsbereich öffnen' }).click();
    await inbox.conversation('Jonas Becker').click();
    expect(await page.getByRole('textbox', { name: 'Antwort' }).getAttribute('placeholder')).toBe('Antwort an Jonas Becker schreiben…');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('button', { name: 'Jetzt synchronisieren' }).waitFor();
    // Plurals and numbers through i18next and Intl: the list says how many conversations the view holds.
    await page.getByRole('searchbox').fill('status:open');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Gespräche? gefunden/ }).count()).toBe(1);
    await page.getByRole('searchbox').fill('');
    // Long German words stay inside their buttons, tabs and badges.
    await fs.promises.mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox-de.png') });
    expect(await inbox.clippedText()).toEqual([]);
    await page.getByRole('button', { name: /Berichte/ }).click();
    await inbox.dialog().getByRole('heading', { name: 'Nach Sprache des Kunden' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-de.png'), fullPage: true });
    expect(await inbox.clippedText()).toEqual([]);
    await inbox.dialog().getByRole('button', { name: 'Schließen', exact: true }).click();

    // Switched in the picker to Japanese: CJK text holds the same layout, and the choice is kept.
    await page.getByRole('combobox', { name: 'Sprache', exact: true }).selectOption('ja');
    await page.getByRole('button', { name: '今すぐ同期' }).waitFor();
    await inbox.conversation('王磊').click();
    expect(await page.getByRole('textbox', { name: '返信' }).getAttribute('placeholder')).toBe('王磊 さんへの返信を入力…');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox-ja.png') });
    expect(await inbox.clippedText()).toEqual([]);
    await page.reload();
    await page.getByRole('button', { name: '今すぐ同期' }).waitFor();
  });

  it("exports and erases one customer's data, and shows it in the audit log", async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('Jonas Becker').click();
    await page.getByRole('button', { name: 'Customer data' }).click();
    await inbox.dialog().getByRole('button', { name: 'Export customer data' }).click();
    await expect.poll(() => inbox.dialog().getByTestId('export-result').textContent()).toMatch(/messages? exported to .*customer-jonas\.becker@example\.de-.*\.zip/);
    await inbox.dialog().getByRole('button', { name: 'Erase customer…' }).click();
    await inbox.dialog().getByRole('button', { name: 'Erase jonas.becker@example.de' }).click();
    await expect.poll(() => inbox.dialog().getByTestId('erase-result').textContent()).toMatch(/erased from this computer/);
    await inbox.dialog().getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => inbox.conversation('Jonas Becker').count()).toBe(0);
    await inbox.conversation('王磊').waitFor(); // the other customers stay
    await page.getByRole('button', { name: /Privacy and data/ }).click();
    const log = inbox.dialog().getByTestId('audit-log');
    await expect.poll(() => log.textContent()).toContain('Customer erasedjonas.becker@example.de');
    expect(await log.textContent()).toContain('Customer data exportedjonas.becker@example.de');
  });

  it('shows a Telegram chat, an eBay message and an e-mail in the one list and answers each from it', async () => {
    const tg = await startTelegramContractServer();
    const ebay = await startEbayContractServer();
    try {
      await page.close();
      await host.stop();
      host = await startWebHostProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-e2e-')), { INBOX_TELEGRAM_API_URL: tg.url, INBOX_EBAY_API_URL: ebay.url });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      inbox = new InboxPage(page);
      await inbox.open(host.url);

      const { seller, buyer } = await mailboxes();
      await inbox.addEmailAccount(form(seller, 'shop-secret'));
      await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent()).toContain('Up to date');
      // Another channel, from the picker, which also says what to do for the channels it cannot connect.
      await page.getByRole('button', { name: 'Add channel…' }).click();
      expect(await inbox.dialog().getByTestId('picker-whatsapp').textContent()).toMatch(/public web address/);
      await inbox.dialog().getByRole('button', { name: 'Telegram bot' }).click();
      await inbox.dialog().getByText('@BotFather').first().waitFor();
      await inbox.dialog().getByLabel('Bot token').fill(tg.token);
      await inbox.dialog().getByRole('button', { name: 'Connect bot' }).click();
      await expect.poll(() => inbox.account('@lumen_shop_bot').getByTestId('account-status').textContent()).toContain('Up to date');

      // eBay: a buyer's question about a listing waits there already.
      const ebayConversation = ebay.buyerWrites('marco_r', 'Ciao, la lampada funziona anche a 110 V?', { itemId: '256004455667', title: 'Brass desk lamp' });
      await page.getByRole('button', { name: 'Add channel…' }).click();
      await inbox.dialog().getByRole('button', { name: 'eBay seller account' }).click();
      await inbox.dialog().getByText('developer.ebay.com').first().waitFor();
      await inbox.dialog().getByLabel('Your eBay user ID').fill(ebay.seller);
      await inbox.dialog().getByLabel('Client ID (App ID)').fill(ebay.clientId);
      await inbox.dialog().getByLabel('Client secret (Cert ID)').fill('not the secret');
      await inbox.dialog().getByLabel('Refresh token').fill(ebay.refreshToken);
      await inbox.dialog().getByRole('button', { name: 'Connect eBay' }).click();
      await expect.poll(() => inbox.dialog().getByRole('alert').textContent()).toMatch(/client ID or secret/);
      await inbox.dialog().getByLabel('Client secret (Cert ID)').fill(ebay.clientSecret);
      await inbox.dialog().getByRole('button', { name: 'Connect eBay' }).click();
      await expect.poll(() => inbox.account(`ebay:${ebay.seller}`).getByTestId('account-status').textContent()).toContain('Up to date');
      const ebayRow = inbox.conversation('marco_r');
      await ebayRow.waitFor();
      expect(await ebayRow.getByRole('img', { name: 'eBay' }).count()).toBe(1);
      await ebayRow.click();
      await inbox.messageBody('la lampada funziona anche a 110 V').waitFor();
      expect(await page.getByTestId('marketplace').textContent()).toBe('eBay · Item 256004455667');
      await inbox.reply('Sì, funziona da 100 a 240 V.');
      await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
      expect(ebay.sent.map((s) => [s.conversationId, s.messageText])).toEqual([[ebayConversation, 'Sì, funziona da 100 a 240 V.']]);

      await servers.deliver(seller, rfc822({ From: `"Hannah Weber" <${buyer}>`, To: seller, Subject: 'Rücksendung', 'Message-ID': '<e2e-tg-mail@customer.example.test>' }, 'Wie kann ich zurücksenden?'));
      tg.userSends({ id: 777, first_name: 'Kenji', last_name: 'Tanaka', language_code: 'ja' }, { text: '注文はいつ届きますか？' });
      const telegramRow = inbox.conversation('Kenji Tanaka');
      await telegramRow.waitFor();
      await inbox.conversation('Hannah Weber').waitFor();
      expect(await telegramRow.getByRole('img', { name: 'Telegram' }).count()).toBe(1);

      await telegramRow.click();
      await inbox.messageBody('注文はいつ届きますか').waitFor();
      await inbox.reply('明日お届けします。');
      await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
      expect(tg.sent.map((s) => [s.chat_id, s.text])).toEqual([['777', '明日お届けします。']]);

      await inbox.conversation('Hannah Weber').click();
      await inbox.messageBody('Wie kann ich zurücksenden?').waitFor();
      await inbox.reply('Das Etikett kommt per E-Mail.');
      await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
      await eventually(async () => (await readMailbox(servers.imapPort, buyer, 'customer-secret')).some((m) => m.text?.includes('Das Etikett kommt per E-Mail.')), 'the e-mail reply delivered');

      // The same buyer on both channels: merged into one customer from the panel, then the merge undone.
      await telegramRow.click();
      const panel = page.getByTestId('customer-panel');
      await expect.poll(() => panel.getByTestId('identity').count()).toBe(1);
      await panel.getByRole('button', { name: /Merge…/ }).click();
      await panel.getByRole('textbox', { name: 'Name, e-mail or Telegram user' }).fill('Hannah');
      await panel.getByRole('button', { name: 'Merge', exact: true }).click();
      await expect.poll(() => panel.getByTestId('identity').allTextContents()).toEqual([`✉ ${buyer}`, '✈ telegram:777']);
      await panel.getByRole('button', { name: 'Rücksendung' }).click();
      await inbox.messageBody('Wie kann ich zurücksenden?').waitFor();
      await page.getByTestId('customer-panel').getByRole('button', { name: 'Undo merge with Hannah Weber' }).click();
      await expect.poll(() => page.getByTestId('customer-panel').getByTestId('identity').count()).toBe(1);
    } finally {
      await tg.close();
      await ebay.close();
    }
  });

  it('says how long a Messenger customer can still be answered, and why a Mercado Libre conversation is closed', async () => {
    const meta = await startMetaContractServer();
    const ml = await startMeliContractServer();
    try {
      await page.close();
      await host.stop();
      host = await startWebHostProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-e2e-')), { INBOX_GRAPH_API_URL: meta.url, INBOX_MELI_API_URL: ml.url });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      inbox = new InboxPage(page);
      await inbox.open(host.url);

      meta.customerWrites('messenger', { id: '900100', name: 'Rosa Díaz' }, '¿Tienen envío a Chile?', { agoMs: 2 * 3_600_000 });
      meta.customerWrites('messenger', { id: '900200', name: 'Tom Old' }, 'Hello?', { agoMs: 30 * 3_600_000 });
      await page.getByRole('button', { name: 'Connect another channel…' }).click();
      await inbox.dialog().getByRole('button', { name: 'Facebook Messenger' }).click();
      await inbox.dialog().getByLabel('Page access token').fill(meta.token);
      await inbox.dialog().getByRole('button', { name: 'Connect Messenger' }).click();
      await inbox.conversation('Rosa Díaz').click();
      await expect.poll(() => page.getByTestId('reply-window').textContent()).toMatch(/^You can answer until .+ \(24 hours after the customer's last message\)\.$/);
      await inbox.reply('¡Sí! Enviamos a todo Chile.');
      await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
      expect(meta.sent.map((s) => [s.recipient, s.text, s.messagingType])).toEqual([['900100', '¡Sí! Enviamos a todo Chile.', 'RESPONSE']]);
      await inbox.conversation('Tom Old').click();
      await expect.poll(() => page.getByTestId('reply-window').textContent()).toMatch(/reply window has closed/);

      const packId = '2000009988776655';
      ml.buyerWrites(packId, { id: 305000001, nickname: 'CAMILA_V' }, 'Abrí una mediación.');
      ml.block(packId, 'bloqued_by_mediation');
      await page.getByRole('button', { name: 'Add channel…' }).click();
      await inbox.dialog().getByRole('button', { name: 'Mercado Libre seller account' }).click();
      await inbox.dialog().getByLabel('Client ID (App ID)').fill(ml.clientId);
      await inbox.dialog().getByLabel('Client secret').fill(ml.clientSecret);
      await inbox.dialog().getByLabel('Refresh token').fill(ml.refreshToken);
      await inbox.dialog().getByRole('button', { name: 'Connect Mercado Libre' }).click();
      await inbox.conversation('CAMILA_V').click();
      await expect.poll(() => page.getByTestId('blocked-notice').textContent()).toBe(
        'Mercado Libre does not deliver messages in this conversation now: a mediation between the buyer and you is open: answer it in the claim.',
      );
      expect(await page.getByTestId('marketplace').textContent()).toBe(`Mercado Libre · Order ${packId}`);
    } finally {
      await meta.close();
      await ml.close();
    }
  });

  it("reads a Spanish buyer in Chinese, answers in Chinese with a Spanish preview the agent edits, then with a canned response inserted with \"/\"; both reach the buyer's mailbox in Spanish", async () => {
    const deepl = await startDeepLServer();
    try {
      const { seller, buyer } = await mailboxes();
      await inbox.addEmailAccount(form(seller, 'shop-secret'));
      await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent()).toContain('Up to date');
      await servers.deliver(seller, rfc822({
        From: `"Carmen Ruiz" <${buyer}>`, To: seller, Subject: 'Mi pedido', 'Message-ID': '<e2e-es@customer.example.test>',
        'Content-Type': 'text/plain; charset=utf-8',
      }, '¿Dónde está mi pedido? Lo compré hace dos semanas.'));

      // The agent reads and writes Chinese; DeepL translates.
      await page.getByRole('button', { name: /Translation…/ }).click();
      await inbox.dialog().getByLabel('The language you read and write').selectOption('zh');
      await inbox.dialog().getByLabel('Translation provider').selectOption('deepl');
      await inbox.dialog().getByLabel(/Server address/).fill(deepl.url);
      await inbox.dialog().getByLabel('API key').fill('wrong');
      await inbox.dialog().getByRole('button', { name: 'Check and save' }).click();
      await expect.poll(() => inbox.dialog().getByRole('alert').textContent()).toMatch(/DeepL rejected the API key/);
      await inbox.dialog().getByLabel('API key').fill(deepl.key);
      await inbox.dialog().getByRole('button', { name: 'Check and save' }).click();
      await inbox.dialog().getByRole('status').waitFor();
      await page.keyboard.press('Escape');

      await inbox.conversation('Carmen Ruiz').click();
      await inbox.messageBody('¿Dónde está mi pedido?').waitFor();
      await page.getByRole('button', { name: 'Translate', exact: true }).click();
      await expect.poll(() => page.getByTestId('translated-body').textContent()).toBe('我的订单在哪里？我两周前买的。');
      expect(await inbox.thread().locator('.translation-meta').first().textContent()).toContain('Translated by DeepL from es.');
      await inbox.thread().getByRole('button', { name: 'Show original' }).click();
      await inbox.messageBody('Lo compré hace dos semanas').waitFor();

      await page.getByRole('textbox', { name: 'Reply' }).fill('您的包裹明天到达。');
      await page.getByRole('button', { name: 'Preview in Spanish' }).click();
      const preview = page.getByRole('textbox', { name: 'Reply in Spanish (you may edit it)' });
      await expect.poll(() => preview.inputValue()).toBe('Su paquete llega mañana.');
      await preview.fill('Su paquete llega mañana. ¡Gracias, Carmen!');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => inbox.sendStates().last().textContent(), { timeout: 30_000 }).toBe('Sent');
      await inbox.messageBody('¡Gracias, Carmen!').waitFor();
      await inbox.thread().getByRole('button', { name: 'Show what you wrote' }).click();
      await inbox.messageBody('您的包裹明天到达。').waitFor();
      const received = await eventually(async () => {
        const mail = await readMailbox(servers.imapPort, buyer, 'customer-secret');
        return mail.length > 0 ? mail : undefined;
      }, 'the Spanish reply in the buyer mailbox');
      expect(received[0]!.text).toContain('Su paquete llega mañana. ¡Gracias, Carmen!');
      expect(received[0]!.text).not.toContain('您的包裹');

      // A canned response written in English and Chinese only: "/" puts the Chinese in the reply box for the agent,
      // and the Spanish the buyer gets is machine-translated from the English once, to edit before sending.
      await page.getByRole('button', { name: '✎ Canned responses' }).click();
      const dialog = inbox.dialog();
      await dialog.getByRole('button', { name: '+ New response' }).click();
      await dialog.getByLabel('Name').fill('Thanks for the order');
      await dialog.getByRole('textbox', { name: 'Text (en)' }).fill('Thank you for your order.');
      await dialog.getByRole('combobox', { name: 'Add language' }).selectOption('zh');
      await dialog.getByRole('textbox', { name: 'Text (zh)' }).fill('感谢您的订购。');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.getByText('Saved.').waitFor();
      await dialog.getByRole('button', { name: 'Close' }).click();
      const box = page.getByRole('textbox', { name: 'Reply', exact: true });
      await box.click();
      await page.keyboard.press('/');
      await page.keyboard.type('thanks');
      await page.keyboard.press('Enter');
      await expect.poll(() => box.inputValue()).toBe('感谢您的订购。');
      await expect.poll(() => preview.inputValue()).toBe('Gracias por su pedido.');
      await preview.fill('Gracias por su pedido, Carmen.');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => inbox.sendStates().last().textContent(), { timeout: 30_000 }).toBe('Sent');
      const both = await eventually(async () => {
        const mail = await readMailbox(servers.imapPort, buyer, 'customer-secret');
        return mail.length > 1 ? mail : undefined;
      }, 'the second Spanish reply in the buyer mailbox');
      const second = both.find((m) => (m.text ?? '').includes('Gracias por su pedido'))!;
      expect(second.text).toContain('Gracias por su pedido, Carmen.');
      expect(second.text).not.toContain('感谢');
      // The machine-made Spanish is kept on the response, marked for a person to read over.
      await page.getByRole('button', { name: '✎ Canned responses' }).click();
      await dialog.getByRole('button', { name: /Thanks for the order/ }).click();
      expect(await dialog.getByRole('textbox', { name: 'Text (es)' }).inputValue()).toBe('Gracias por su pedido.');
      await dialog.getByText('Machine-translated: please read it over').waitFor();
    } finally {
      await deepl.close();
    }
  });

  it('finds conversations as the agent types: "/" to search, Chinese words, accents optional, operators', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('Lucía Fernández').waitFor();
    await page.locator('body').press('/');
    const box = page.getByRole('searchbox', { name: 'Search' });
    const rows = () => page.locator('.conversation-list').getByRole('option');
    // "/" put the cursor in the box: what is typed next lands there.
    await page.keyboard.type('陶瓷');
    expect(await box.inputValue()).toBe('陶瓷');
    await expect.poll(() => rows().allTextContents()).toEqual([expect.stringContaining('王磊')]);
    await box.fill('lampara aduana');
    await expect.poll(() => rows().allTextContents()).toEqual([expect.stringContaining('Lucía Fernández')]);
    expect(await page.getByTestId('search-summary').textContent()).toBe('1 conversation found');
    await box.fill('lang:de');
    await expect.poll(() => rows().allTextContents()).toEqual([expect.stringContaining('Jonas Becker')]);
    await box.press('Escape');
    await expect.poll(() => rows().count()).toBe(8);
    // Views in the sidebar: a saved search each, with its count.
    const needsReply = page.getByTestId('view-unanswered');
    await expect.poll(() => needsReply.locator('.count').textContent()).toMatch(/^\d+$/);
    const count = Number(await needsReply.locator('.count').textContent());
    await needsReply.click();
    expect(await box.inputValue()).toBe('is:unanswered');
    await expect.poll(() => rows().count()).toBe(count);
    expect(await rows().allTextContents()).toContainEqual(expect.stringContaining('王磊'));
    // Each conversation waiting for a reply shows its timer; "Breaching soon" lists the replies due within a
    // quarter of an hour or late (how many depends on the hour the test runs, against default business hours).
    expect(await inbox.conversation('王磊').getByTestId('reply-due').count()).toBe(1);
    const due = page.getByTestId('view-due');
    await expect.poll(() => due.locator('.count').textContent()).toMatch(/^\d+$/);
    const dueCount = Number(await due.locator('.count').textContent());
    await due.click();
    expect(await box.inputValue()).toBe('is:due sort:due');
    await expect.poll(() => rows().count()).toBe(dueCount);
    const states = await page.locator('.conversation-list [data-testid=reply-due]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states).toHaveLength(dueCount);
    for (const state of states) expect(['soon', 'late']).toContain(state);
  });

  it('saves a search as a view, and offers views by status, tag, language and marketplace', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('王磊').waitFor();
    const rows = () => page.locator('.conversation-list [role=option]');
    const box = page.getByRole('searchbox');
    // The customers' languages, folded until asked for.
    await page.getByTestId('view-group-lang').click();
    const spanish = page.getByTestId('view-lang-es');
    await expect.poll(() => spanish.textContent()).toMatch(/^Spanish\d+$/);
    await spanish.click();
    expect(await box.inputValue()).toBe('lang:es');
    await expect.poll(() => rows().count()).toBe(Number(await spanish.locator('.count').textContent()));
    expect(await rows().allTextContents()).toContainEqual(expect.stringContaining('Lucía Fernández'));
    // Narrowed and saved under a name: a view of its own, with its count, kept after a reload.
    await box.fill('lang:es is:unanswered');
    await page.getByTestId('save-search').click();
    await inbox.dialog().getByRole('textbox', { name: 'Name' }).fill('Spanish, waiting');
    await inbox.dialog().getByRole('button', { name: 'Save' }).click();
    const saved = page.getByRole('button', { name: /^Spanish, waiting\s?\d+$/ });
    await saved.waitFor();
    await expect.poll(() => page.getByTestId('save-search').count()).toBe(0);
    await box.fill('');
    await page.reload();
    await saved.click();
    expect(await box.inputValue()).toBe('lang:es is:unanswered');
    await expect.poll(() => rows().count()).toBe(Number(await saved.locator('.count').textContent()));
    await page.getByRole('button', { name: 'Remove the saved search “Spanish, waiting”' }).click();
    await expect.poll(() => saved.count()).toBe(0);
    // By status: the closed ones.
    await page.getByTestId('view-group-status').click();
    await page.getByTestId('view-status-closed').click();
    expect(await box.inputValue()).toBe('status:closed');
    await expect.poll(() => rows().count()).toBe(Number(await page.getByTestId('view-status-closed').locator('.count').textContent()));
  });

  it("inserts a canned response in the customer's language, and edits the responses", async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('Lucía Fernández').click();
    const box = page.getByRole('textbox', { name: 'Reply' });
    // "/" in the empty reply opens the responses; a few letters of the name and Enter insert one.
    await box.click();
    await page.keyboard.press('/');
    await page.keyboard.type('shdelcus');
    await page.keyboard.press('Enter');
    // Spanish for a Spanish-writing customer, her first name and the shop's name filled in.
    await expect.poll(() => box.inputValue()).toMatch(/^Hola Lucía:\n\ngracias por tu paciencia\./);
    expect(await box.inputValue()).toContain('Lumen & Loom Crafts');
    await box.press('Control+Enter');
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');

    // A new response, in English and German; a German-writing customer gets the German text.
    await page.getByRole('button', { name: '✎ Canned responses' }).click();
    const dialog = inbox.dialog();
    await dialog.getByRole('button', { name: '+ New response' }).click();
    // The app changing behind the dialog (here a conversation read elsewhere) leaves the cursor where the agent types.
    await dialog.getByLabel('Name').click();
    await page.keyboard.type('Thanks for');
    const unread = () => page.locator('.conversation-list .unread-count').count();
    const before = await unread();
    const token = new URL(host.url).hash.replace('#token=', '');
    const kim = (await (await fetch(new URL('/api/invoke/conversations.list', host.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' })).json()) as { value: Array<{ id: string; customerName: string }> };
    const id = kim.value.find((c) => c.customerName === '김지은')!.id;
    await fetch(new URL('/api/invoke/conversations.markRead', host.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ id, read: true }) });
    await expect.poll(unread).toBe(before - 1);
    await page.keyboard.type(' waiting');
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Thanks for waiting');
    expect(await dialog.getByRole('searchbox', { name: 'Find a response…' }).inputValue()).toBe('');
    await dialog.getByRole('textbox', { name: 'Text (en)' }).fill('Thanks for waiting, {{customer.firstName}}!');
    await dialog.getByRole('combobox', { name: 'Add language' }).selectOption('de');
    await dialog.getByRole('textbox', { name: 'Text (de)' }).fill('Danke für Ihre Geduld, {{customer.firstName}}!');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Saved.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await inbox.conversation('Jonas Becker').click();
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('textbox', { name: 'Search templates…' }).fill('waiting');
    // The highlighted response is previewed on this conversation before it is inserted.
    await expect.poll(() => page.getByTestId('template-preview').textContent()).toBe('Danke für Ihre Geduld, Jonas!');
    await page.getByRole('option').filter({ hasText: 'Thanks for waiting' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Reply' }).inputValue()).toBe('Danke für Ihre Geduld, Jonas!');
    await page.getByRole('textbox', { name: 'Reply' }).fill('');

    // A response using a value this conversation does not have: the gap is marked in the preview and stays visible.
    await page.getByRole('button', { name: '✎ Canned responses' }).click();
    await dialog.getByRole('button', { name: '+ New response' }).click();
    await dialog.getByLabel('Name').fill('Tracking');
    await dialog.getByLabel('Folder').fill('Shipping');
    await dialog.getByRole('textbox', { name: 'Text (en)' }).fill('{{greeting}} your parcel: {{tracking.link}}');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Saved.').waitFor();
    await dialog.getByRole('searchbox', { name: 'Find a response…' }).fill('tracking.link');
    await expect.poll(() => dialog.locator('.canned-list .canned-folder').allTextContents()).toEqual(['Shipping']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('textbox', { name: 'Search templates…' }).fill('track');
    await expect.poll(() => page.getByTestId('template-preview').locator('mark.unfilled').allTextContents()).toEqual(['{{tracking.link}}']);
    expect(await page.getByTestId('template-preview').textContent()).toContain('Still to fill in: {{tracking.link}}');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('textbox', { name: 'Reply' }).inputValue()).toBe('Hi Jonas, your parcel: {{tracking.link}}');
    expect(await page.getByRole('status').filter({ hasText: 'Still to fill in' }).textContent()).toContain('{{tracking.link}}');
  });

  it("shows the customer's local time, orders and notes beside the thread, and lets the agent set their time zone", async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('Jonas Becker').click();
    const clock = page.getByTestId('customer-clock');
    await expect.poll(() => clock.textContent()).toMatch(/there · Germany · from their address/);
    // The main screen as an agent sees it (kept with the test run).
    await fs.promises.mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox-en.png') });
    // Each message's time on their clock, on hover.
    expect(await inbox.thread().locator('.message.in time').first().getAttribute('title')).toMatch(/^Customer’s local time: \w{3},? \d{2}:\d{2}/);
    // He is travelling: the agent sets his zone.
    await clock.getByRole('button', { name: 'Set time zone' }).click();
    await clock.getByRole('combobox', { name: 'Time zone' }).fill('America/New_York');
    await clock.getByRole('button', { name: 'Set', exact: true }).click();
    await expect.poll(() => clock.textContent()).toMatch(/there · Germany · set by you/);
    expect(await clock.locator('[title="America/New_York"]').count()).toBe(1);

    // The order he wrote about, with its marketplace; what the team knows about him, kept across a reload.
    const panel = page.getByTestId('customer-panel');
    expect(await panel.getByTestId('customer-orders').textContent()).toBe('Orders: Amazon 302-4417823-5590312');
    const note = panel.getByRole('textbox', { name: 'Notes about this customer' });
    await note.fill('Prefers DHL. Size L.');
    await note.press('Tab');
    await expect
      .poll(async () => {
        await page.reload();
        await inbox.conversation('Jonas Becker').click();
        return note.inputValue();
      })
      .toBe('Prefers DHL. Size L.');
  });

  it("sends an e-mail reply with the account's signature, a copy, a blind copy and a file", async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await page.getByRole('button', { name: 'Signature for Lumen & Loom Crafts' }).click();
    await inbox.dialog().getByRole('textbox', { name: 'Signature' }).fill('Mia · Lumen & Loom Crafts');
    await inbox.dialog().getByRole('button', { name: 'Save' }).click();
    await inbox.conversation('Jonas Becker').click();
    await expect.poll(() => inbox.thread().getByTestId('signature-preview').textContent()).toBe('-- \nMia · Lumen & Loom Crafts');
    await inbox.thread().getByRole('button', { name: 'Cc/Bcc' }).click();
    await inbox.thread().getByRole('textbox', { name: 'Cc', exact: true }).fill('lager@lumen-loom.example, returns@lumen-loom.example');
    await inbox.thread().getByRole('textbox', { name: 'Bcc', exact: true }).fill('not an address');
    await inbox.reply('Hallo Jonas, das Etikett ist unterwegs.');
    // A wrong address is said, nothing is sent.
    await expect.poll(() => inbox.thread().getByRole('alert').textContent()).toContain('an e-mail address');
    await inbox.thread().getByRole('textbox', { name: 'Bcc', exact: true }).fill('owner@lumen-loom.example');
    // And a file from disk.
    await inbox.thread().locator('input[type=file]').setInputFiles({ name: 'Rücksendeetikett.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 label') });
    await expect.poll(() => inbox.thread().getByTestId('reply-file').textContent()).toMatch(/^Rücksendeetikett\.pdf \(/);
    await inbox.thread().getByRole('textbox', { name: 'Reply' }).press('Control+Enter');
    const mine = inbox.thread().locator('.message.out').last();
    await expect.poll(() => mine.locator('.recipients').textContent()).toBe(
      'to Jonas Becker · cc lager@lumen-loom.example, returns@lumen-loom.example · bcc owner@lumen-loom.example',
    );
    expect(await mine.locator('.body').textContent()).toBe('Hallo Jonas, das Etikett ist unterwegs.\n\n-- \nMia · Lumen & Loom Crafts');
    await expect.poll(() => mine.getByText('Rücksendeetikett.pdf').count()).toBe(1);
    expect(await inbox.thread().getByTestId('reply-file').count()).toBe(0);
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
  });

  it('writes a new e-mail to a customer from the keyboard, and forwards a message to the warehouse', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('王磊').waitFor();
    await page.keyboard.press('n');
    const dialog = inbox.dialog();
    await dialog.getByRole('textbox', { name: 'To' }).fill('nora.berg@example.no');
    await dialog.getByRole('textbox', { name: 'Subject' }).fill('Your order has shipped');
    await dialog.getByRole('textbox', { name: 'Message' }).fill('Hi Nora, your order left our workshop today.');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await inbox.messageBody('your order left our workshop today').waitFor();
    expect(await page.locator('.thread-header h1').textContent()).toBe('Your order has shipped');
    await expect.poll(() => inbox.conversation('nora.berg@example.no').count()).toBe(1);
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
    // Forwarding Wang Lei's order to the warehouse: a conversation with them; his stays as it was.
    await inbox.conversation('王磊').click();
    await inbox.thread().locator('.message.in').first().getByRole('button', { name: 'Forward' }).click();
    await inbox.dialog().getByRole('textbox', { name: 'To' }).fill('warehouse@lumen-loom.example');
    await inbox.dialog().getByRole('textbox', { name: 'Note' }).fill('Ten mugs for this customer, please.');
    await inbox.dialog().getByRole('button', { name: 'Forward' }).click();
    await inbox.dialog().getByText('Forwarded to warehouse@lumen-loom.example.').waitFor();
    await inbox.dialog().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => inbox.conversation('warehouse@lumen-loom.example').count()).toBe(1);
    expect(await inbox.thread().locator('.message').count()).toBe(3);
  });

  it('assigns a conversation to the agent by name, found in the Mine view', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    const name = page.getByRole('textbox', { name: /Your name/ });
    await name.fill('Mia');
    await name.press('Tab');
    await expect.poll(() => page.getByTestId('view-mine').textContent()).toBe('Mine0');
    await inbox.conversation('Lucía Fernández').click();
    await inbox.thread().getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => inbox.conversation('Lucía Fernández').getByTestId('assignee').textContent()).toBe('👤 Mia');
    await expect.poll(() => page.getByTestId('view-mine').textContent()).toBe('Mine1');
    await page.getByTestId('view-mine').click();
    await expect.poll(() => page.locator('.conversation-list [role=option]').allTextContents()).toEqual([expect.stringContaining('Lucía Fernández')]);
    await inbox.thread().getByRole('button', { name: 'Unassign Mia' }).click();
    await expect.poll(() => page.getByTestId('view-mine').textContent()).toBe('Mine0');
  });

  it("splits a message out of a conversation, merges it back from the customer panel, and undoes the merge", async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('王磊').click();
    const messages = inbox.thread().locator('.message');
    await expect.poll(() => messages.count()).toBe(3);
    // His order confirmation is a new matter: a conversation of its own.
    await messages.last().getByRole('button', { name: 'Split into a new conversation' }).click();
    await expect.poll(() => inbox.conversation('王磊').count()).toBe(2);
    await expect.poll(() => messages.count()).toBe(2);
    // From the customer panel, merged back into this one.
    const panel = page.getByTestId('customer-panel');
    await panel.getByRole('button', { name: /^Merge “关于发货到上海的时间” into this conversation$/ }).click();
    await expect.poll(() => messages.count()).toBe(3);
    await expect.poll(() => inbox.conversation('王磊').count()).toBe(1);
    // And the merge undone.
    await inbox.thread().getByRole('button', { name: 'Undo merge of “关于发货到上海的时间”' }).click();
    await expect.poll(() => inbox.conversation('王磊').count()).toBe(2);
    await expect.poll(() => messages.count()).toBe(2);
  });

  it('takes a reply back within the undo window and puts it in the reply box again, copies and files too', async () => {
    // Half a minute to think again.
    const seconds = await demoWithUndoWindow();
    await inbox.conversation('Camille Dubois').click();
    const box = page.getByRole('textbox', { name: 'Reply' });
    // With a copy to the warehouse and the invoice attached.
    await inbox.thread().getByRole('button', { name: 'Cc/Bcc' }).click();
    await inbox.thread().getByRole('textbox', { name: 'Cc', exact: true }).fill('entrepot@lumen-loom.example');
    await inbox.thread().locator('input[type=file]').setInputFiles({ name: 'facture-1042.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 facture 1042') });
    await expect.poll(() => inbox.thread().getByTestId('reply-file').textContent()).toBe('facture-1042.pdf (1 kB)×');
    await inbox.reply('Bonjour Camille, votre colis part demain.');
    const undo = page.getByTestId('undo-send');
    await expect.poll(() => undo.textContent()).toMatch(/^Sending in \d+ s…Undo$/);
    await inbox.messageBody('votre colis part demain').waitFor();
    expect(await inbox.thread().getByTestId('reply-file').count()).toBe(0);
    await undo.getByRole('button', { name: 'Undo' }).click();
    // Never sent: gone from the thread, back in the box to correct, with its copy and its file.
    await expect.poll(() => inbox.messageBody('votre colis part demain').count()).toBe(0);
    await expect.poll(() => box.inputValue()).toBe('Bonjour Camille, votre colis part demain.');
    await page.getByText('Not sent: the reply is back in the reply box.').waitFor();
    await expect.poll(() => inbox.thread().getByRole('textbox', { name: 'Cc', exact: true }).inputValue()).toBe('entrepot@lumen-loom.example');
    await expect.poll(() => inbox.thread().getByTestId('reply-file').textContent()).toBe('facture-1042.pdf (1 kB)×');
    // Sent again as it is: the copy and the file go with it.
    await box.press('Control+Enter');
    const mine = inbox.thread().locator('.message.out').last();
    await expect.poll(() => mine.locator('.recipients').textContent()).toBe('to Camille Dubois · cc entrepot@lumen-loom.example');
    await expect.poll(() => mine.getByText('facture-1042.pdf').count()).toBe(1);
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => inbox.thread().getByTestId('reply-file').count()).toBe(1);
    // Corrected and sent, with no undo window this time: it goes at once.
    await seconds.fill('0');
    await seconds.press('Tab');
    // Saved (the field shows what the core kept once the page is loaded again) before the next reply.
    await page.reload();
    await expect.poll(() => seconds.inputValue()).toBe('0');
    await inbox.conversation('Camille Dubois').click();
    await box.fill('Bonjour Camille, votre colis part lundi.');
    await box.press('Control+Enter');
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
    expect(await undo.count()).toBe(0);
  });

  it('takes a new e-mail back into its dialog, with its copies and files, and leaves no empty conversation', async () => {
    await demoWithUndoWindow();
    await inbox.conversation('王磊').click();
    await page.keyboard.press('n');
    const dialog = inbox.dialog();
    await dialog.getByRole('textbox', { name: 'To' }).fill('nora.berg@example.no');
    await dialog.getByRole('textbox', { name: 'Cc', exact: true }).fill('lager@lumen-loom.example');
    await dialog.getByRole('textbox', { name: 'Subject' }).fill('Your order has shipped');
    await dialog.getByRole('textbox', { name: 'Message' }).fill('Hi Nora, your order left our workshop today.');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'tracking.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 tracking') });
    await expect.poll(() => dialog.getByTestId('reply-file').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => inbox.conversation('nora.berg@example.no').count()).toBe(1);
    await page.getByTestId('undo-send').getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Not sent: the e-mail is open again to edit.').waitFor();
    // The e-mail opens again as it was written; its conversation, which held nothing else, is gone.
    await expect.poll(() => dialog.getByRole('textbox', { name: 'To' }).inputValue()).toBe('nora.berg@example.no');
    expect(await dialog.getByRole('textbox', { name: 'Cc', exact: true }).inputValue()).toBe('lager@lumen-loom.example');
    expect(await dialog.getByRole('textbox', { name: 'Subject' }).inputValue()).toBe('Your order has shipped');
    expect(await dialog.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Hi Nora, your order left our workshop today.');
    expect(await dialog.getByTestId('reply-file').textContent()).toBe('tracking.pdf (1 kB)×');
    await expect.poll(() => inbox.conversation('nora.berg@example.no').count()).toBe(0);
    await expect.poll(() => page.locator('.thread-header h1').count()).toBe(0);
    // Edited and sent again: one conversation, with the e-mail and its file.
    await dialog.getByRole('textbox', { name: 'Message' }).fill('Hi Nora, your order left our workshop today. Tracking attached.');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => inbox.conversation('nora.berg@example.no').count()).toBe(1);
    await inbox.messageBody('Tracking attached.').waitFor();
    expect(await inbox.thread().getByText('tracking.pdf').count()).toBeGreaterThan(0);
  });

  it('keeps an unsent reply as a draft across conversations and a reload, and lets it go once sent', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('Lucía Fernández').click();
    const box = page.getByRole('textbox', { name: 'Reply' });
    await box.fill('Hola Lucía, estoy revisando tu pedido');
    // Another conversation: its own (empty) reply; Lucía's row says a draft waits.
    await inbox.conversation('王磊').click();
    await expect.poll(() => box.inputValue()).toBe('');
    await expect.poll(() => inbox.conversation('Lucía Fernández').getByTestId('draft').count()).toBe(1);
    await inbox.conversation('Lucía Fernández').click();
    await expect.poll(() => box.inputValue()).toBe('Hola Lucía, estoy revisando tu pedido');
    // The app closed and opened again (here: the page reloaded): still there.
    await page.reload();
    await inbox.conversation('Lucía Fernández').click();
    await expect.poll(() => box.inputValue()).toBe('Hola Lucía, estoy revisando tu pedido');
    // Sent: no draft left, here or after a switch.
    await box.press('Control+Enter');
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
    await expect.poll(() => inbox.conversation('Lucía Fernández').getByTestId('draft').count()).toBe(0);
    await inbox.conversation('王磊').click();
    await inbox.conversation('Lucía Fernández').click();
    await inbox.messageBody('Hola Lucía, estoy revisando tu pedido').waitFor();
    expect(await box.inputValue()).toBe('');
  });

  it('marks urgent conversations, sets business hours and an out-of-hours auto-reply, says where it runs, and sends the satisfaction survey when an answered conversation is closed', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('王磊').waitFor();
    // Urgent first: Rafael, charged import duties he calls absurd, is marked in the list and found in the Urgent view.
    expect(await inbox.conversation('Rafael Oliveira').getByTestId('urgent').count()).toBe(1);
    await page.getByTestId('view-urgent').click();
    await expect.poll(() => page.locator('.conversation-list [role=option]').count()).toBe(1);
    await inbox.conversation('Rafael Oliveira').click();
    await page.getByRole('combobox', { name: 'Urgency' }).selectOption('normal');
    await expect.poll(() => inbox.conversation('Rafael Oliveira').getByTestId('urgent').count()).toBe(0);
    await page.getByRole('searchbox').fill('');
    await inbox.conversation('Lucía Fernández').waitFor();
    await page.getByRole('button', { name: '☾ Auto-reply' }).click();
    const dialog = inbox.dialog();
    await dialog.getByRole('combobox', { name: 'Time zone' }).fill('Asia/Shanghai');
    await dialog.getByRole('textbox', { name: 'Monday' }).fill('9-18');
    await dialog.getByRole('checkbox', { name: /Reply automatically/ }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('The hours for Monday cannot be read');
    await dialog.getByRole('textbox', { name: 'Monday' }).fill('9:00-12:00, 13:00-18:00');
    await dialog.getByRole('textbox', { name: /Holidays/ }).fill('2026-12-25, 2027-01-01');
    // The first-response target the reply timers count.
    expect(await dialog.getByRole('textbox', { name: /First-response target/ }).inputValue()).toBe('30');
    await dialog.getByRole('textbox', { name: /First-response target/ }).fill('45');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // On without a response to send: said, nothing saved.
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Choose the canned response');
    const responses = dialog.getByRole('combobox', { name: 'Reply with' });
    await responses.selectOption((await responses.locator('option', { hasText: 'Shipping delayed at customs' }).getAttribute('value'))!);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Saved.').waitFor();
    // The demo keeps no rules on a server: the app answers while it runs, and says so.
    expect(await dialog.getByTestId('auto-reply-where').textContent()).toContain('Runs in this app: customers get it only while the app is running.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Everything is as saved when the dialog opens again.
    await page.getByRole('button', { name: '☾ Auto-reply' }).click();
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Monday' }).inputValue()).toBe('09:00–12:00, 13:00–18:00');
    expect(await dialog.getByRole('textbox', { name: 'Tuesday' }).inputValue()).toBe('09:00–18:00');
    expect(await dialog.getByRole('textbox', { name: 'Sunday' }).inputValue()).toBe('');
    expect(await dialog.getByRole('textbox', { name: /Holidays/ }).inputValue()).toBe('2026-12-25, 2027-01-01');
    expect(await dialog.getByRole('checkbox', { name: /Reply automatically/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('textbox', { name: /First-response target/ }).inputValue()).toBe('45');

    // The satisfaction survey: asked when a conversation someone answered is closed.
    await dialog.getByRole('checkbox', { name: /rate the service/ }).check();
    const ask = dialog.getByRole('combobox', { name: 'Ask with' });
    await ask.selectOption((await ask.locator('option', { hasText: 'Return label' }).getAttribute('value'))!);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Saved.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await inbox.conversation('Lucía Fernández').click();
    await inbox.reply('Gracias, Lucía: el cambio está en camino.');
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
    await page.locator('.thread-actions').getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => inbox.thread().getByTestId('auto-kind').allTextContents()).toEqual(['Satisfaction survey, sent automatically']);
    await expect.poll(() => inbox.sendStates().last().textContent()).toBe('Sent');
  });

  it('shows the reports as charts, tables and CSV, in English and Chinese', async () => {
    await page.getByRole('button', { name: 'Open demo workspace' }).click();
    await inbox.conversation('王磊').waitFor();
    await page.getByRole('button', { name: '📊 Reports' }).click();
    const dialog = inbox.dialog();
    // The demo's customers wrote within the last 30 days, in several languages.
    await expect.poll(async () => Number((await dialog.getByTestId('report-kpis').locator('strong').first().textContent()) ?? 0)).toBeGreaterThan(0);
    const byLanguage = dialog.getByTestId('report-volume-by-language');
    await expect.poll(() => byLanguage.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(2);
    // The same figures as a table, and as a CSV file.
    await byLanguage.getByRole('button', { name: 'Table' }).click();
    expect(await byLanguage.getByRole('cell', { name: 'Spanish' }).count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), byLanguage.getByRole('button', { name: 'CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('\ufeffItem,Count');
    expect(csv).toMatch(/\nSpanish,\d+/);
    await fs.promises.mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-en.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('button', { name: '📊 报表' }).click();
    await expect.poll(() => inbox.dialog().getByTestId('report-volume-by-language').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(2);
    expect(await inbox.dialog().getByRole('heading', { name: '按客户语言' }).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-zh-CN.png'), fullPage: true });
  });

  it('keeps working offline and sends everything once the servers are back, without a click', async () => {
    const { seller, buyer } = await mailboxes();
    await inbox.addEmailAccount(form(seller, 'shop-secret'));
    await expect.poll(() => inbox.account(seller).getByTestId('account-status').textContent()).toContain('Up to date');
    await servers.deliver(seller, rfc822({
      From: `"Jonas Becker" <${buyer}>`, To: seller, Subject: 'Rücksendung', 'Message-ID': '<e2e-off@customer.example.test>',
      'Content-Type': 'text/plain; charset=utf-8',
    }, 'Wie kann ich zurücksenden?'));
    await inbox.conversation('Jonas Becker').click();
    await inbox.messageBody('Wie kann ich zurücksenden?').waitFor();

    await Promise.all([servers.stopPostfix(), servers.stopDovecot()]);
    let serversDown = true;
    try {
      await inbox.offlineBanner().waitFor({ timeout: 30_000 });
      expect(await inbox.offlineBanner().textContent()).toContain("You're offline");

      await inbox.reply('Hallo Jonas, das Rücksendeetikett kommt gleich.');
      await inbox.addTag('Rückgabe');
      await inbox.tagChip('Rückgabe').waitFor();
      await expect.poll(() => inbox.sendStates().last().textContent()).toMatch(/^Queued/);
      await expect.poll(() => inbox.offlineBanner().textContent()).toMatch(/\d+ changes will be sent when the connection returns/);
      // The details say what waits and why.
      await inbox.offlineBanner().getByRole('button', { name: 'Details' }).click();
      await inbox.dialog().getByTestId('outbox-op').filter({ hasText: 'Reply · waiting' }).first().waitFor();
      await inbox.dialog().getByRole('button', { name: 'Close' }).click();

      await servers.startDovecot();
      await servers.startPostfix();
      await servers.waitUntilHealthy();
      serversDown = false;

      // Reconnection, replay and the banner going away all happen on their own.
      await expect.poll(() => inbox.sendStates().last().textContent(), { timeout: 90_000 }).toBe('Sent');
      await expect.poll(() => inbox.offlineBanner().count(), { timeout: 30_000 }).toBe(0);
      const received = await eventually(async () => {
        const mail = await readMailbox(servers.imapPort, buyer, 'customer-secret');
        return mail.length > 0 ? mail : undefined;
      }, 'the offline reply');
      expect(received.map((m) => m.subject)).toEqual(['Re: Rücksendung']);
      await expect.poll(() => page.getByTestId('outbox-status').count(), { timeout: 30_000 }).toBe(0);
    } finally {
      if (serversDown) {
        await servers.startDovecot().catch(() => undefined);
        await servers.startPostfix().catch(() => undefined);
      }
    }
  });
});
