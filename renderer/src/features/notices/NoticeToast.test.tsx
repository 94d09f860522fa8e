// A failed call is told in the agent's words, with the server's own words below; a success is told plainly.
import { describe, expect, it } from 'vitest';
import { renderIn, textOf } from '../../i18n/render-in';
import { NoticeToast } from './NoticeToast';

describe('the notice toast', () => {
  it("puts a failed call in the agent's language and keeps the server's detail", async () => {
    const html = await renderIn('de', <NoticeToast notice={{ kind: 'error', error: { code: 'AUTH_FAILED', message: '535 5.7.8 Authentication failed' } }} onDismiss={() => undefined} />);
    expect(html).toContain('role="alert"');
    expect(textOf(html)).toBe('Der Server hat Benutzername oder Passwort abgelehnt. 535 5.7.8 Authentication failed');
  });

  it('tells what happened as a status', async () => {
    const html = await renderIn('zh-TW', <NoticeToast notice={{ kind: 'info', message: '已移動到 Orders。' }} onDismiss={() => undefined} />);
    expect(html).toContain('role="status"');
    expect(textOf(html)).toBe('已移動到 Orders。');
  });
});
