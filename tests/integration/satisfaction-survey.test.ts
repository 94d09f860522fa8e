// The satisfaction survey against real servers: closing an answered conversation sends the buyer one question in
// their language through the outbox; the buyer's plain reply ("5 ⭐", "😡", "BAJA") is read as the score or as
// "no more surveys"; never sent twice, never to a buyer who opted out or whom no person answered.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { eventually } from '../harness/mail-servers.js';
import { useMailServers } from '../support/mail-suite.js';
import { emailAccountOn, openCore, type CoreFixture } from '../support/core-fixture.js';
import { readMailbox } from '../support/mailbox.js';

const mail = useMailServers();

async function write(from: string, to: string, subject: string, text: string, reply?: ParsedMail) {
  const raw = await new MailComposer({
    from,
    to,
    subject,
    text,
    ...(reply ? { inReplyTo: reply.messageId, references: reply.messageId } : {}),
  })
    .compile()
    .build();
  await mail.servers.deliver(to, raw, from);
}

const settled = () => eventually(() => mail.servers.postfixIdle(), 'Postfix to deliver everything');
const received = (address: string) => readMailbox(mail.servers.imapPort, address, 'pw');

async function shop(f: CoreFixture) {
  const address = await mail.mailbox('shop');
  const account = await f.call('accounts.addEmail', { ...emailAccountOn(mail.servers, address), displayName: 'Lumen Shop' });
  await f.call('canned.addStarterSet', {});
  const survey = (await f.call('canned.list', {})).find((c) => c.name === 'Satisfaction survey')!;
  await f.call('settings.set', { csat: { enabled: true, cannedId: survey.id } });
  return { address, account };
}

const byCustomer = async (f: CoreFixture, address: string) => (await f.call('conversations.list', {})).find((c) => c.customerAddress === address)!;

describe('the satisfaction survey', () => {
  it("goes to the buyer in their language when the agent closes an answered conversation, once; the reply's number is the score", async () => {
    const f = openCore();
    try {
      const { address, account } = await shop(f);
      const lucia = await mail.mailbox('lucia');
      await write(lucia, address, 'Talla equivocada', 'Hola, me llegó la talla M y pedí la L. ¿Qué puedo hacer?');
      await f.core.syncOnce([account.id]);
      const convo = await byCustomer(f, lucia);

      // Closed before anyone answered: no survey (there was no service to rate).
      await f.call('conversations.setStatus', { id: convo.id, status: 'closed' });
      await f.call('conversations.setStatus', { id: convo.id, status: 'open' });
      await f.call('messages.reply', { conversationId: convo.id, text: 'Hola Lucía, le enviamos la talla L hoy mismo.' });
      await f.call('conversations.setStatus', { id: convo.id, status: 'closed' });
      await f.core.syncOnce([account.id]);
      await settled();
      const mails = await eventually(async () => ((await received(lucia)).length === 2 ? await received(lucia) : false), 'the reply and the survey');
      const survey = mails.find((m) => m.headers.get('auto-submitted'))!;
      expect(survey.text).toContain('¿qué tal le hemos atendido? Responda simplemente con un número del 1 (mal) al 5 (excelente)');
      const detail = await f.call('conversations.get', { id: convo.id });
      expect(detail.messages.filter((m) => m.autoKind === 'csat')).toHaveLength(1);
      // The survey is not the agent's answer and does not reopen anything.
      expect(detail.conversation.status).toBe('closed');

      // Reopened and closed again: not asked twice.
      await f.call('conversations.setStatus', { id: convo.id, status: 'open' });
      await f.call('conversations.setStatus', { id: convo.id, status: 'closed' });
      expect((await f.call('conversations.get', { id: convo.id })).messages.filter((m) => m.autoKind === 'csat')).toHaveLength(1);

      // She answers with a number and a star.
      await write(lucia, address, `Re: ${survey.subject}`, '5 ⭐ gracias!\n\n> ¿qué tal le hemos atendido?', survey);
      await f.core.syncOnce([account.id]);
      await eventually(async () => (await f.call('conversations.get', { id: convo.id })).csat?.score === 5, 'her score on the conversation');
      await settled();
      expect(await received(lucia)).toHaveLength(2);
    } finally {
      await f.close();
    }
  });

  it('reads an emoji answer, and a STOP in any language keeps every later survey from that buyer', async () => {
    const f = openCore();
    try {
      const { address, account } = await shop(f);
      const jonas = await mail.mailbox('jonas');
      const kim = await mail.mailbox('kim');
      for (const [buyer, subject, text] of [
        [jonas, 'Lieferung', 'Guten Tag, wann kommt meine Bestellung an? Vielen Dank.'],
        [kim, 'Broken mug', 'Hello, the mug arrived broken. Can you send another one?'],
      ] as const) {
        await write(buyer, address, subject, text);
      }
      await f.core.syncOnce([account.id]);
      for (const buyer of [jonas, kim]) {
        const c = await byCustomer(f, buyer);
        await f.call('messages.reply', { conversationId: c.id, text: 'Done.' });
        await f.call('conversations.setStatus', { id: c.id, status: 'closed' });
      }
      await f.core.syncOnce([account.id]);
      await settled();
      const surveyFor = async (buyer: string) =>
        eventually(async () => (await received(buyer)).find((m) => m.headers.get('auto-submitted')) ?? false, `the survey to ${buyer}`);
      const toJonas = await surveyFor(jonas);
      expect(toJonas.text).toContain('wie zufrieden sind Sie mit uns?');
      await write(jonas, address, `Re: ${toJonas.subject}`, 'STOPP', toJonas);
      const toKim = await surveyFor(kim);
      await write(kim, address, `Re: ${toKim.subject}`, '😡', toKim);
      await f.core.syncOnce([account.id]);
      await eventually(async () => (await f.call('conversations.get', { id: (await byCustomer(f, kim)).id })).csat?.score === 1, "Kim's score");
      expect((await f.call('conversations.get', { id: (await byCustomer(f, jonas)).id })).csat).toBeNull();

      // Jonas writes about another order, is answered, and the conversation is closed: no survey this time.
      await write(jonas, address, 'Neue Bestellung', 'Guten Tag, ich habe noch eine Frage zu meiner zweiten Bestellung.');
      await f.core.syncOnce([account.id]);
      const second = (await f.call('conversations.list', {})).find((c) => c.customerAddress === jonas && c.subject === 'Neue Bestellung')!;
      await f.call('messages.reply', { conversationId: second.id, text: 'Gern.' });
      await f.call('conversations.setStatus', { id: second.id, status: 'closed' });
      expect((await f.call('conversations.get', { id: second.id })).messages.filter((m) => m.autoKind === 'csat')).toHaveLength(0);
    } finally {
      await f.close();
    }
  });
});
