// A message listed from its headers alone (the newest mail of a first sync, for a moment) says its text is on its
// way, in the agent's language, instead of showing an empty body; once read in full it shows its text.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/domain/types';
import { renderIn, textOf } from '../../i18n/render-in';
import { MessageItem } from './ThreadView';

const message = (over: Partial<Message> = {}): Message => ({
  id: 'm1',
  conversationId: 'c1',
  direction: 'in',
  from: { name: 'Ana Buyer', address: 'ana@example.test' },
  to: [{ name: 'Shop', address: 'shop@example.test' }],
  cc: [],
  bcc: [],
  date: Date.UTC(2026, 11, 3, 9),
  subject: 'Parcel',
  text: '',
  fromHtml: false,
  hasHtml: false,
  isRead: false,
  isFlagged: false,
  attachments: [],
  ...over,
});
const actions = { retry: () => undefined, discard: () => undefined, sendOriginal: () => undefined };
const view = (m: Message) => <MessageItem m={m} actions={actions} onEdit={() => undefined} newerSince={false} />;

describe('a message in the thread', () => {
  it('says its text is being downloaded while only its headers are in, in the agent\'s language', async () => {
    const html = await renderIn('en', view(message({ bodyPending: true })));
    expect(html).toContain('role="status"');
    expect(textOf(html)).toContain('Ana Buyer');
    expect(textOf(html)).toContain('Downloading this message…');
    expect(textOf(await renderIn('zh-CN', view(message({ bodyPending: true }))))).toContain('正在下载此邮件…');
  });

  it('shows its text once it has been read in full', async () => {
    const text = textOf(await renderIn('en', view(message({ text: 'My parcel never arrived.' }))));
    expect(text).toContain('My parcel never arrived.');
    expect(text).not.toContain('Downloading');
  });
});
