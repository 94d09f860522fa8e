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
}
