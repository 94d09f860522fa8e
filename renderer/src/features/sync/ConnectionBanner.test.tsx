// The line above the list says whether the window reaches its core, whether the agent is offline and how many
// changes wait, in the agent's language with its plural forms.
import { describe, expect, it } from 'vitest';
import { renderIn, textOf } from '../../i18n/render-in';
import { ConnectionBanner } from './ConnectionBanner';
import { SyncBar } from './SyncBar';

const banner = (over: Partial<Parameters<typeof ConnectionBanner>[0]> = {}) => (
  <ConnectionBanner coreConnected offline={false} outbox={{ pending: 0, failed: 0 }} onOpenOutbox={() => undefined} {...over} />
);

describe('the connection banner', () => {
  it('says nothing while everything has reached the servers', async () => {
    expect(await renderIn('en', banner())).toBe('');
  });

  it('says the core is out of reach before anything else', async () => {
    const html = await renderIn('en', banner({ coreConnected: false, offline: true, outbox: { pending: 3, failed: 0 } }));
    expect(html).toContain('role="alert"');
    expect(textOf(html)).toBe('The app cannot reach its core. Retrying…');
  });

  it('counts the changes waiting while offline, in Russian plural forms', async () => {
    expect(textOf(await renderIn('ru', banner({ offline: true, outbox: { pending: 3, failed: 0 } })))).toBe('Нет сети. 3 изменения отправятся, когда связь вернётся. Подробнее');
    expect(textOf(await renderIn('ru', banner({ offline: true, outbox: { pending: 5, failed: 0 } })))).toContain('5 изменений');
    expect(textOf(await renderIn('ru', banner({ offline: true, outbox: { pending: 21, failed: 0 } })))).toContain('21 изменение');
    // Large counts are grouped the language's way.
    expect(textOf(await renderIn('de', banner({ offline: true, outbox: { pending: 1234, failed: 0 } })))).toContain('1.234 Änderungen');
    expect(textOf(await renderIn('en', banner({ offline: true, outbox: { pending: 1234, failed: 0 } })))).toContain('1,234 changes');
    // Offline with nothing waiting: no way to an empty outbox.
    expect(textOf(await renderIn('de', banner({ offline: true })))).toBe('Sie sind offline. Sie können weiter lesen und antworten; alles wird gesendet, sobald die Verbindung zurück ist.');
  });

  it('online, says what still waits and what failed, with the way to the outbox', async () => {
    const html = await renderIn('fr', banner({ outbox: { pending: 1, failed: 2 } }));
    expect(html).toContain('role="status"');
    expect(textOf(html)).toBe("1 modification en attente d'envoi 2 messages n'ont pas pu être envoyés Détails");
  });
});

describe('the sync bar', () => {
  it('shows the folder and how far a sync has come, in Japanese', async () => {
    const html = await renderIn('ja', <SyncBar progress={[{ accountId: 'a', folder: 'INBOX', done: 120, total: 400, finished: false } as never]} />);
    expect(textOf(html)).toBe('INBOX を同期中: 120 / 400');
    expect(html).toContain('value="120"');
  });

  it('is gone when every sync has finished', async () => {
    expect(await renderIn('en', <SyncBar progress={[{ accountId: 'a', folder: 'INBOX', done: 4, total: 4, finished: true } as never]} />)).toBe('');
  });
});
