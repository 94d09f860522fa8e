// The charsets a cross-border seller meets, in headers (RFC 2047 and raw 8-bit) and bodies: each case is
// encoded at test time from its expected text, parsed as the app parses mail, and compared.
import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mapParsedMail, parseMail } from './mapping.js';

const corpus: Array<[charset: string, name: string, subject: string, body: string]> = [
  ['utf-8', '王磊', '关于发货 🚚', '您好，请问什么时候发货？'],
  ['gb2312', '王磊', '关于发货的问题', '您好，请问什么时候发货？'],
  ['gbk', '陳小明', '關於發貨 退款申请', '请尽快处理，谢谢'],
  ['gb18030', '张伟', '订单问题 𠀀', '谢谢您的帮助'],
  ['big5', '林志明', '關於訂單的問題', '請問何時出貨？'],
  ['shift_jis', '佐藤 美咲', '名入れの刻印について', 'よろしくお願いいたします'],
  ['euc-jp', '鈴木 一郎', '配送についての質問', 'ありがとうございます'],
  ['iso-2022-jp', '高橋 花子', '返品のお願い', '商品が壊れていました'],
  ['euc-kr', '김지은', '배송지 변경 요청', '감사합니다'],
  ['koi8-r', 'Иван Петров', 'Вопрос о заказе', 'Спасибо за помощь'],
  ['windows-1251', 'Ольга Смирнова', 'Где мой заказ?', 'Здравствуйте'],
  ['windows-1252', 'René Lefèvre', 'Café crème – €5', 'Merci beaucoup'],
  ['windows-1256', 'أحمد علي', 'سؤال عن الطلب', 'شكرا جزيلا'],
  ['iso-8859-1', 'Jürgen Groß', 'Größe und Farbe', 'Viele Grüße'],
  ['iso-8859-2', 'Łukasz Wiśniewski', 'Zamówienie wysłane', 'Dziękuję bardzo'],
  ['iso-8859-8', 'דוד כהן', 'שאלה על ההזמנה', 'תודה רבה'],
  ['iso-8859-9', 'Ayşe Yılmaz', 'Sipariş hakkında', 'Teşekkürler'],
  ['tis-620', 'สมชาย ใจดี', 'สอบถามเรื่องสินค้า', 'ขอบคุณครับ'],
];

function encode(text: string, charset: string): Buffer {
  if (charset === 'iso-2022-jp') return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'JIS', from: 'UNICODE' }));
  return iconv.encode(text, charset);
}

const word = (text: string, charset: string) => `=?${charset}?B?${encode(text, charset).toString('base64')}?=`;

async function parse(raw: Buffer) {
  return mapParsedMail(await parseMail(raw), { ownAddresses: [], inSentFolder: false, isSeen: false, internalDate: 0, raw });
}

describe.each(corpus)('%s', (charset, name, subject, body) => {
  it('decodes RFC 2047 headers and the body', async () => {
    const raw = Buffer.concat([
      Buffer.from(`From: ${word(name, charset)} <buyer@example.test>\r\nSubject: ${word(subject, charset)}\r\nContent-Type: text/plain; charset=${charset}\r\n\r\n`),
      encode(body, charset),
    ]);
    const m = await parse(raw);
    expect([m.from.name, m.subject, m.text]).toEqual([name, subject, body]);
  });

  it('decodes raw 8-bit headers with the declared charset', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: '), encode(name, charset), Buffer.from(' <buyer@example.test>\r\nSubject: '), encode(subject, charset),
      Buffer.from(`\r\nContent-Type: text/plain; charset=${charset}\r\n\r\n`), encode(body, charset),
    ]);
    const m = await parse(raw);
    expect([m.from.name, m.from.address, m.subject, m.text]).toEqual([name, 'buyer@example.test', subject, body]);
  });
});

describe('raw 8-bit headers with no declared charset', () => {
  it.each([
    ['gb18030', '关于发货的问题，请尽快回复我们'],
    ['big5', '關於訂單的問題，請盡快回覆'],
    ['shift_jis', '名入れの刻印についてお問い合わせです'],
    ['euc-kr', '배송지 변경 요청 드립니다 확인 부탁드립니다'],
    ['koi8-r', 'Вопрос о заказе номер двенадцать'],
    ['windows-1251', 'Где мой заказ? Прошло уже две недели'],
    ['iso-2022-jp', '返品のお願いについて'],
  ])('guesses %s from the header bytes', async (charset, subject) => {
    const raw = Buffer.concat([Buffer.from('From: buyer@example.test\r\nSubject: '), encode(subject, charset), Buffer.from('\r\n\r\nhello\r\n')]);
    expect((await parse(raw)).subject).toBe(subject);
  });

  it('leaves valid UTF-8 and plain ASCII headers as they are', async () => {
    const raw = Buffer.from('From: "Zoë" <z@example.test>\r\nSubject: Crème brûlée – 5 €\r\n\r\nhi\r\n', 'utf8');
    const m = await parse(raw);
    expect([m.from.name, m.subject]).toEqual(['Zoë', 'Crème brûlée – 5 €']);
  });
});
