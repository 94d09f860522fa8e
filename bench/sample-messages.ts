// Customer messages the scale benchmarks fill their profiles with: eight languages, as buyers write them.
export const CUSTOMER_TEXTS = [
  'Hola, compré la lámpara de ratán hace tres semanas y el seguimiento dice "en aduana". ¿Pueden ayudarme?',
  'Guten Tag, ich habe den Kissenbezug in Salbeigrün bestellt, aber einen grauen erhalten. Wie kann ich ihn zurücksenden?',
  '您好，我想订购十个陶瓷杯作为公司礼品。请问发货到上海大概需要多长时间？可以开发票吗？',
  'こんにちは。木製のキーホルダーに名前を刻印していただくことは可能でしょうか？追加料金はいくらですか？',
  "Hi there! I run a small gift shop in Portland and I'd love to stock your soy candles. Wholesale pricing?",
  'Olá, os Correios estão cobrando R$ 87,40 de imposto de importação para liberar o meu pedido.',
  "Bonjour, quelles sont les dimensions exactes du grand panier tressé ? Je voudrais savoir s'il rentre.",
  '안녕하세요, 어제 주문한 머그컵 배송지를 회사 주소로 변경할 수 있을까요?',
];
