// Page object for the inbox: what an agent does, in the words of the UI (accessible names, not CSS).
import type { Locator, Page } from 'playwright-core';

export interface AccountForm {
  email: string;
  name?: string;
  imap: { host: string; port: number; tls: 'off' | 'starttls' | 'tls' };
  smtp: { host: string; port: number; tls: 'off' | 'starttls' | 'tls' };
  user?: string;
  password: string;
}

export class InboxPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async addEmailAccount(a: AccountForm, opener = 'Add email account'): Promise<void> {
    await this.page.getByRole('button', { name: opener }).click();
    const dialog = this.dialog();
    await dialog.getByLabel('Email address').fill(a.email);
    if (a.name) await dialog.getByLabel('Your name or shop name').fill(a.name);
    for (const kind of ['imap', 'smtp'] as const) {
      const s = a[kind];
      await dialog.locator(`select[name=${kind}-tls]`).selectOption(s.tls);
      await dialog.locator(`input[name=${kind}-host]`).fill(s.host);
      await dialog.locator(`input[name=${kind}-port]`).fill(String(s.port));
    }
    if (a.user) await dialog.getByLabel('User name').fill(a.user);
    await dialog.locator('input[name=password]').fill(a.password);
    await dialog.getByRole('button', { name: 'Add account' }).click();
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  formError(): Locator {
    return this.dialog().getByRole('alert');
  }

  account(address: string): Locator {
    return this.page.locator('.accounts li', { hasText: address });
  }

  conversation(text: string): Locator {
    return this.page.getByRole('option').filter({ hasText: text });
  }

  thread(): Locator {
    return this.page.locator('.thread');
  }

  /** A message in the open thread showing this text (not the reply box, which may still hold it). */
  messageBody(text: string): Locator {
    return this.thread().locator('.body', { hasText: text });
  }

  async reply(text: string): Promise<void> {
    const box = this.page.getByRole('textbox', { name: 'Reply' });
    await box.fill(text);
    await box.press('Control+Enter');
  }

  sendStates(): Locator {
    return this.page.getByTestId('send-state');
  }

  offlineBanner(): Locator {
    return this.page.getByTestId('offline-banner');
  }

  async addTag(tag: string): Promise<void> {
    const input = this.page.getByRole('textbox', { name: 'Add tag…' });
    await input.fill(tag);
    await input.press('Enter');
  }

  tagChip(tag: string): Locator {
    return this.thread().locator('.tag-chip', { hasText: tag });
  }

  /**
   * Controls whose words do not fit: a button, tab, label, badge or heading whose text spills past its own box
   * or past the window's right edge, or a badge broken across two lines (text meant to be cut with an ellipsis is
   * not counted). Each as "tag.class: text".
   */
  async clippedText(): Promise<string[]> {
    // Runs in the page (a string, as the tests are compiled without the DOM's types).
    return this.page.evaluate<string[]>(`(() => {
      const out = [];
      const selector = 'button, [role=tab], label, h1, h2, h3, .badge, [class*=badge], [class*=chip], .status, th, summary, option';
      for (const el of document.querySelectorAll(selector)) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || !el.textContent.trim()) continue;
        const style = getComputedStyle(el);
        if (style.textOverflow === 'ellipsis' || style.visibility === 'hidden') continue;
        const spills = el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll';
        const offScreen = box.right > window.innerWidth + 1;
        let broken = false;
        if (/badge|chip/.test(el.className)) {
          const text = document.createRange();
          text.selectNodeContents(el);
          broken = new Set(Array.from(text.getClientRects(), (r) => Math.round(r.top))).size > 1;
        }
        if (spills || offScreen || broken) out.push(el.tagName.toLowerCase() + '.' + el.className + ': ' + el.textContent.trim().slice(0, 60));
      }
      return out;
    })()`);
  }

}
