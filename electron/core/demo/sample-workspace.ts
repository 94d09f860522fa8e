// The first-run demo: a workspace of realistic buyer conversations in several languages, stored through the
// same ingest path as real mail so every screen behaves as it will with a real account.
import type { Store } from '../db/store.js';
import type { MarketplaceInfo, Participant } from '../../../shared/domain/types.js';
import { ingestMessage } from '../conversations/ingest.js';
import { newId } from '../ids.js';

export const DEMO_ADDRESS = 'shop@demo.crossborder-inbox.app';
const SHOP: Participant = { name: 'Lumen & Loom Crafts', address: DEMO_ADDRESS };

interface SampleMessage {
  from: 'customer' | 'shop';
  minutesAgo: number;
  text: string;
}

interface SampleConversation {
  customer: Participant;
  subject: string;
  read: boolean;
  messages: SampleMessage[];
  marketplace?: MarketplaceInfo;
}

const samples: SampleConversation[] = [
  {
    customer: { name: 'Lucía Fernández', address: 'lucia.fernandez@example.es' },
    subject: 'Pedido #ML-20481 no ha llegado',
    read: false,
    messages: [
      {
        from: 'customer',
        minutesAgo: 35,
        text: 'Hola, compré la lámpara de ratán hace tres semanas y el seguimiento dice "en aduana" desde el día 12. ¿Pueden ayudarme? Es un regalo para el cumpleaños de mi madre el sábado.\n\nGracias,\nLucía',
      },
    ],
  },
  {
    customer: { name: 'Jonas Becker', address: 'jonas.becker@example.de' },
    subject: 'Rücksendung – Kissenbezug falsche Farbe',
    read: false,
    marketplace: {
      id: 'amazon',
      name: 'Amazon',
      orderId: '302-4417823-5590312',
      replyBy: 'email',
      replyUrl: null,
      registeredSenderOnly: true,
      relayedTo: DEMO_ADDRESS,
    },
    messages: [
      {
        from: 'customer',
        minutesAgo: 180,
        text: 'Guten Tag,\n\nich habe den Kissenbezug in "Salbeigrün" bestellt, aber einen grauen erhalten (Bestellnummer 302-4417823-5590312). Wie kann ich ihn zurücksenden?\n\nMit freundlichen Grüßen\nJonas Becker',
      },
    ],
  },
  {
    customer: { name: '佐藤 美咲', address: 'misaki.sato@example.jp' },
    subject: '名入れの刻印について',
    read: false,
    messages: [
      {
        from: 'customer',
        minutesAgo: 60 * 5,
        text: 'こんにちは。木製のキーホルダーに名前を刻印していただくことは可能でしょうか？「MISAKI」と入れたいです。追加料金はいくらですか？\n\nよろしくお願いいたします。',
      },
    ],
  },
  {
    customer: { name: '王磊', address: 'wang.lei@example.cn' },
    subject: '关于发货到上海的时间',
    read: true,
    messages: [
      {
        from: 'customer',
        minutesAgo: 60 * 26,
        text: '您好，我想订购十个陶瓷杯作为公司礼品。请问发货到上海大概需要多长时间？可以开发票吗？',
      },
      {
        from: 'shop',
        minutesAgo: 60 * 24,
        text: 'Hello Wang Lei, thank you for your order inquiry! Shipping to Shanghai takes 7–10 business days by express. We can issue a commercial invoice with your company name.',
      },
      {
        from: 'customer',
        minutesAgo: 60 * 3,
        text: '好的，谢谢。那我今天下单，公司名称是"上海明光贸易有限公司"。',
      },
    ],
  },
  {
    customer: { name: 'Camille Dubois', address: 'camille.dubois@example.fr' },
    subject: 'Question sur la taille du panier',
    read: true,
    messages: [
      {
        from: 'customer',
        minutesAgo: 60 * 30,
        text: "Bonjour, quelles sont les dimensions exactes du grand panier tressé ? Je voudrais savoir s'il rentre dans une étagère de 33 cm. Merci !",
      },
      {
        from: 'shop',
        minutesAgo: 60 * 29,
        text: 'Bonjour Camille, the large basket is 32 × 32 × 30 cm, so it fits a 33 cm shelf. Best regards!',
      },
    ],
  },
  {
    customer: { name: 'Rafael Oliveira', address: 'rafael.oliveira@example.com.br' },
    subject: 'Taxa de importação cobrada na entrega',
    read: false,
    messages: [
      {
        from: 'customer',
        minutesAgo: 60 * 8,
        text: 'Olá, os Correios estão cobrando R$ 87,40 de imposto de importação para liberar o meu pedido. O anúncio dizia "impostos inclusos". Vocês podem reembolsar esse valor?',
      },
    ],
  },
  {
    customer: { name: 'Emily Carter', address: 'emily.carter@example.com' },
    subject: 'Wholesale pricing for 200 candles?',
    read: true,
    messages: [
      {
        from: 'customer',
        minutesAgo: 60 * 50,
        text: "Hi there! I run a small gift shop in Portland and I'd love to stock your soy candles. Do you offer wholesale pricing for an order of about 200 units? 🕯️",
      },
    ],
  },
  {
    customer: { name: '김지은', address: 'jieun.kim@example.kr' },
    subject: '배송지 변경 요청',
    read: false,
    messages: [
      {
        from: 'customer',
        minutesAgo: 12,
        text: '안녕하세요, 어제 주문한 머그컵 배송지를 회사 주소로 변경할 수 있을까요? 서울특별시 강남구 테헤란로 152, 12층입니다. 감사합니다!',
      },
    ],
  },
];

/** Writes the demo workspace in one transaction; returns how many conversations it holds. */
export function createDemoWorkspace(store: Store, accountId: string, attachmentsDir: string, now: number): number {
  return store.transaction(() => {
    for (const convo of samples) {
      let previous: string | null = null;
      const refs: string[] = [];
      for (const m of convo.messages) {
        const header = `${newId()}@demo.invalid`;
        const fromShop = m.from === 'shop';
        const stored = ingestMessage(
          store,
          attachmentsDir,
          accountId,
          {
            messageIdHeader: header,
            inReplyTo: previous,
            references: [...refs],
            direction: fromShop ? 'out' : 'in',
            from: fromShop ? SHOP : convo.customer,
            replyTo: [],
            to: [fromShop ? convo.customer : SHOP],
            cc: [],
            subject: previous ? `Re: ${convo.subject}` : convo.subject,
            date: now - m.minutesAgo * 60_000,
            text: m.text,
            fromHtml: false,
            isRead: fromShop || convo.read,
            attachments: [],
          },
          null,
          now,
        );
        previous = header;
        refs.push(header);
        if (convo.marketplace) store.conversations.setMarketplace(stored.conversationId, convo.marketplace);
      }
    }
    return samples.length;
  });
}

export const demoShop = SHOP;

/** Canned responses the demo workspace starts with, each in several languages. */
export const demoCannedResponses: Array<{ name: string; variants: Record<string, string> }> = [
  {
    name: 'Shipping delayed at customs',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nthank you for your patience. Your parcel is being held at customs, which can take 5–10 business days. We are following it closely and will write to you as soon as it moves.\n\nBest regards,\n{{agent.name}}',
      es: 'Hola {{customer.firstName}}:\n\ngracias por tu paciencia. Tu paquete está retenido en aduanas, lo que puede tardar de 5 a 10 días hábiles. Lo seguimos de cerca y te escribiremos en cuanto avance.\n\nSaludos,\n{{agent.name}}',
      de: 'Hallo {{customer.firstName}},\n\nvielen Dank für Ihre Geduld. Ihr Paket liegt derzeit beim Zoll; das kann 5–10 Werktage dauern. Wir verfolgen es genau und melden uns, sobald es weitergeht.\n\nViele Grüße\n{{agent.name}}',
      pt: 'Olá {{customer.firstName}},\n\nobrigado pela paciência. Seu pacote está retido na alfândega, o que pode levar de 5 a 10 dias úteis. Estamos acompanhando e avisaremos assim que for liberado.\n\nAtenciosamente,\n{{agent.name}}',
      zh: '{{customer.name}}，您好！\n\n感谢您的耐心等待。您的包裹目前在海关清关，通常需要 5–10 个工作日。我们会密切跟进，一有进展就通知您。\n\n{{agent.name}}',
      ja: '{{customer.name}} 様\n\nお待たせしており申し訳ございません。お荷物は現在税関で保留されており、通常5〜10営業日ほどかかります。動きがあり次第ご連絡いたします。\n\n{{agent.name}}',
    },
  },
  {
    name: 'Return label',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nsorry about that! I have attached a prepaid return label. Once the item is on its way back, we will send the right one at no cost.\n\n{{agent.name}}',
      de: 'Hallo {{customer.firstName}},\n\ndas tut uns leid! Anbei finden Sie ein vorausbezahltes Rücksendeetikett. Sobald der Artikel unterwegs ist, schicken wir Ihnen kostenlos den richtigen.\n\n{{agent.name}}',
      fr: 'Bonjour {{customer.firstName}},\n\ndésolés pour ce souci ! Vous trouverez ci-joint une étiquette de retour prépayée. Dès que l’article est en route, nous vous envoyons le bon, sans frais.\n\n{{agent.name}}',
    },
  },
];
