// Canned responses a cross-border shop needs from its first day, in the languages most of its buyers write:
// where is my order, a return, a refund, customs and duties, an apology for a delay, a review request. Formal
// address where a shop is expected to use it (Sie, vous, usted, です/ます), and the out-of-hours acknowledgement
// and satisfaction survey the app sends by itself.
export const STARTER_SET: Array<{ name: string; folder: string; variants: Record<string, string> }> = [
  {
    name: 'Where is my order',
    folder: 'Shipping',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nthank you for your message. Your order {{order.id}} is on its way; you can follow it here:\n{{tracking.link}}\n\nInternational parcels usually take 7–15 business days.\n\nBest regards,\n{{agent.name}}',
      zh: '{{customer.firstName}}您好：\n\n感谢您的留言。您的订单 {{order.id}} 已在运输途中，可在此查询物流：\n{{tracking.link}}\n\n国际包裹通常需要 7–15 个工作日。\n\n祝好，\n{{agent.name}}',
      es: 'Hola, {{customer.firstName}}:\n\ngracias por su mensaje. Su pedido {{order.id}} está en camino; puede seguirlo aquí:\n{{tracking.link}}\n\nLos envíos internacionales suelen tardar entre 7 y 15 días hábiles.\n\nUn saludo,\n{{agent.name}}',
      de: 'Guten Tag {{customer.name}},\n\nvielen Dank für Ihre Nachricht. Ihre Bestellung {{order.id}} ist unterwegs; Sie können die Sendung hier verfolgen:\n{{tracking.link}}\n\nInternationale Sendungen brauchen meist 7–15 Werktage.\n\nMit freundlichen Grüßen\n{{agent.name}}',
      fr: 'Bonjour {{customer.name}},\n\nmerci pour votre message. Votre commande {{order.id}} est en route ; vous pouvez la suivre ici :\n{{tracking.link}}\n\nLes colis internationaux mettent en général 7 à 15 jours ouvrés.\n\nBien cordialement,\n{{agent.name}}',
      ja: '{{customer.name}}様\n\nお問い合わせいただきありがとうございます。ご注文 {{order.id}} は現在配送中です。配送状況はこちらからご確認いただけます：\n{{tracking.link}}\n\n海外からの配送には通常7〜15営業日ほどかかります。\n\n何卒よろしくお願いいたします。\n{{agent.name}}',
    },
  },
  {
    name: 'Return instructions',
    folder: 'Returns and refunds',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nsorry it did not work out. You can return the item within 30 days: reply to this message and we will send you the return label and address.\n\nBest regards,\n{{agent.name}}',
      zh: '{{customer.firstName}}您好：\n\n很抱歉商品不合您意。您可以在 30 天内退货：回复此消息，我们会把退货标签和地址发给您。\n\n祝好，\n{{agent.name}}',
      es: 'Hola, {{customer.firstName}}:\n\nlamentamos que no le haya convencido. Puede devolver el artículo en un plazo de 30 días: responda a este mensaje y le enviaremos la etiqueta y la dirección de devolución.\n\nUn saludo,\n{{agent.name}}',
      de: 'Guten Tag {{customer.name}},\n\nes tut uns leid, dass der Artikel nicht passt. Sie können ihn innerhalb von 30 Tagen zurückschicken: Antworten Sie auf diese Nachricht, und wir senden Ihnen das Rücksendeetikett und die Adresse.\n\nMit freundlichen Grüßen\n{{agent.name}}',
      fr: 'Bonjour {{customer.name}},\n\nnous sommes désolés que l’article ne vous convienne pas. Vous pouvez le retourner sous 30 jours : répondez à ce message et nous vous enverrons l’étiquette et l’adresse de retour.\n\nBien cordialement,\n{{agent.name}}',
      ja: '{{customer.name}}様\n\nご期待に沿えず申し訳ございません。商品到着後30日以内であれば返品を承ります。このメッセージにご返信いただければ、返品ラベルと返送先をお送りいたします。\n\n何卒よろしくお願いいたします。\n{{agent.name}}',
    },
  },
  {
    name: 'Refund issued',
    folder: 'Returns and refunds',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nwe have refunded your order {{order.id}}. Depending on your bank, the money appears on your account within 3–10 business days.\n\nBest regards,\n{{agent.name}}',
      zh: '{{customer.firstName}}您好：\n\n我们已为您的订单 {{order.id}} 办理退款。视银行而定，款项将在 3–10 个工作日内到账。\n\n祝好，\n{{agent.name}}',
      es: 'Hola, {{customer.firstName}}:\n\nhemos reembolsado su pedido {{order.id}}. Según su banco, el importe aparecerá en su cuenta en un plazo de 3 a 10 días hábiles.\n\nUn saludo,\n{{agent.name}}',
      de: 'Guten Tag {{customer.name}},\n\nwir haben Ihnen den Betrag für Ihre Bestellung {{order.id}} erstattet. Je nach Bank ist er in 3–10 Werktagen auf Ihrem Konto.\n\nMit freundlichen Grüßen\n{{agent.name}}',
      fr: 'Bonjour {{customer.name}},\n\nnous avons remboursé votre commande {{order.id}}. Selon votre banque, le montant apparaîtra sur votre compte sous 3 à 10 jours ouvrés.\n\nBien cordialement,\n{{agent.name}}',
      ja: '{{customer.name}}様\n\nご注文 {{order.id}} の返金手続きが完了いたしました。金融機関により異なりますが、3〜10営業日ほどで口座に反映されます。\n\n何卒よろしくお願いいたします。\n{{agent.name}}',
    },
  },
  {
    name: 'Customs and import duties',
    folder: 'Shipping',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nimport duties and taxes are set by your country’s customs and collected by the carrier on delivery; they are not part of our price. If the listing said duties were included, send us the receipt and we will reimburse them.\n\nBest regards,\n{{agent.name}}',
      zh: '{{customer.firstName}}您好：\n\n进口关税和税费由您所在国家的海关核定，并由承运商在派送时收取，不包含在我们的售价中。如果商品页面注明含税，请把缴费凭证发给我们，我们会为您报销。\n\n祝好，\n{{agent.name}}',
      es: 'Hola, {{customer.firstName}}:\n\nlos aranceles e impuestos de importación los fija la aduana de su país y los cobra el transportista en la entrega; no forman parte de nuestro precio. Si el anuncio indicaba que estaban incluidos, envíenos el recibo y se los reembolsaremos.\n\nUn saludo,\n{{agent.name}}',
      de: 'Guten Tag {{customer.name}},\n\nEinfuhrabgaben und Steuern legt der Zoll Ihres Landes fest; der Zusteller erhebt sie bei der Lieferung, sie sind nicht Teil unseres Preises. Stand im Angebot „Zoll inklusive“, senden Sie uns bitte den Beleg, und wir erstatten Ihnen den Betrag.\n\nMit freundlichen Grüßen\n{{agent.name}}',
      fr: 'Bonjour {{customer.name}},\n\nles droits et taxes d’importation sont fixés par la douane de votre pays et perçus par le transporteur à la livraison ; ils ne font pas partie de notre prix. Si l’annonce indiquait qu’ils étaient inclus, envoyez-nous le reçu et nous vous les rembourserons.\n\nBien cordialement,\n{{agent.name}}',
      ja: '{{customer.name}}様\n\n輸入関税・税金はお客様の国の税関が定め、配達時に配送業者が徴収するもので、当店の価格には含まれておりません。商品ページに「関税込み」と記載があった場合は、領収書をお送りいただければ返金いたします。\n\n何卒よろしくお願いいたします。\n{{agent.name}}',
    },
  },
  {
    name: 'Sorry for the delay',
    folder: 'Shipping',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nwe are sorry your order is taking longer than expected. The carrier has had delays on international routes; we are watching your parcel and will write to you as soon as it moves again.\n\nBest regards,\n{{agent.name}}',
      zh: '{{customer.firstName}}您好：\n\n非常抱歉您的订单比预期慢。承运商的国际线路近期有延误，我们正在跟踪您的包裹，一有进展会立即通知您。\n\n祝好，\n{{agent.name}}',
      es: 'Hola, {{customer.firstName}}:\n\nsentimos que su pedido esté tardando más de lo previsto. El transportista tiene retrasos en las rutas internacionales; estamos pendientes de su paquete y le escribiremos en cuanto avance.\n\nUn saludo,\n{{agent.name}}',
      de: 'Guten Tag {{customer.name}},\n\nes tut uns leid, dass Ihre Bestellung länger braucht als erwartet. Der Zusteller hat Verzögerungen auf internationalen Strecken; wir behalten Ihr Paket im Blick und melden uns, sobald es weitergeht.\n\nMit freundlichen Grüßen\n{{agent.name}}',
      fr: 'Bonjour {{customer.name}},\n\nnous sommes désolés que votre commande prenne plus de temps que prévu. Le transporteur connaît des retards sur les routes internationales ; nous suivons votre colis et vous écrirons dès qu’il avancera.\n\nBien cordialement,\n{{agent.name}}',
      ja: '{{customer.name}}様\n\nお届けが予定より遅れており、誠に申し訳ございません。国際輸送で配送業者に遅延が発生しております。お荷物の状況を確認し、動きがあり次第すぐにご連絡いたします。\n\n何卒よろしくお願いいたします。\n{{agent.name}}',
    },
  },
  {
    name: 'Review request',
    folder: 'After the sale',
    variants: {
      en: 'Hi {{customer.firstName}},\n\nwe hope you are enjoying your purchase! If you have a minute, a short review would help our small shop a lot. Thank you!\n\nBest regards,\n{{agent.name}}',
      zh: '{{customer.firstName}}您好：\n\n希望您喜欢这次购买的商品！如果方便，能否留下简短的评价？这对我们这样的小店帮助很大。谢谢！\n\n祝好，\n{{agent.name}}',
      es: 'Hola, {{customer.firstName}}:\n\n¡esperamos que disfrute de su compra! Si tiene un minuto, una breve reseña ayudaría mucho a nuestra pequeña tienda. ¡Gracias!\n\nUn saludo,\n{{agent.name}}',
      de: 'Guten Tag {{customer.name}},\n\nwir hoffen, Sie haben Freude an Ihrem Kauf! Wenn Sie eine Minute Zeit haben, hilft eine kurze Bewertung unserem kleinen Shop sehr. Vielen Dank!\n\nMit freundlichen Grüßen\n{{agent.name}}',
      fr: 'Bonjour {{customer.name}},\n\nnous espérons que votre achat vous plaît ! Si vous avez une minute, un court avis aiderait beaucoup notre petite boutique. Merci !\n\nBien cordialement,\n{{agent.name}}',
      ja: '{{customer.name}}様\n\nお買い上げの商品をお楽しみいただけていれば幸いです。もしよろしければ、簡単なレビューをお寄せいただけますと小さな当店にとって大きな励みになります。ありがとうございます。\n\n何卒よろしくお願いいたします。\n{{agent.name}}',
    },
  },
  {
    name: 'Out of hours',
    folder: 'Auto-reply',
    variants: {
      en: '{{greeting}}\n\nthank you for your message. We are away right now and will answer you personally within our business hours: {{hours}}.\n\nIf you are asking about an order, the tracking link in your shipping confirmation shows where your parcel is.\n\n{{signoff}}',
      zh: '{{greeting}}\n\n感谢您的留言。我们现在不在线，将在营业时间内亲自回复您：{{hours}}。\n\n如果您咨询的是订单，发货确认邮件中的物流链接可以查看包裹位置。\n\n{{signoff}}',
      es: '{{greeting}}\n\ngracias por su mensaje. Ahora mismo no estamos disponibles y le responderemos personalmente en nuestro horario de atención: {{hours}}.\n\nSi su consulta es sobre un pedido, el enlace de seguimiento de la confirmación de envío muestra dónde está su paquete.\n\n{{signoff}}',
      de: '{{greeting}}\n\nvielen Dank für Ihre Nachricht. Wir sind gerade nicht erreichbar und antworten Ihnen persönlich zu unseren Geschäftszeiten: {{hours}}.\n\nWenn es um eine Bestellung geht: Der Sendungslink in Ihrer Versandbestätigung zeigt, wo Ihr Paket ist.\n\n{{signoff}}',
      fr: '{{greeting}}\n\nmerci pour votre message. Nous sommes absents pour le moment et vous répondrons personnellement pendant nos heures d’ouverture : {{hours}}.\n\nSi votre question porte sur une commande, le lien de suivi de votre confirmation d’expédition indique où se trouve votre colis.\n\n{{signoff}}',
      ja: '{{greeting}}\n\nお問い合わせいただきありがとうございます。ただいま営業時間外のため、営業時間内に担当者よりご返信いたします：{{hours}}。\n\nご注文についてのお問い合わせでしたら、発送完了メールの追跡リンクから荷物の現在地をご確認いただけます。\n\n{{signoff}}',
      pt: '{{greeting}}\n\nobrigado pela sua mensagem. No momento estamos ausentes e responderemos pessoalmente no nosso horário de atendimento: {{hours}}.\n\nSe a sua dúvida é sobre um pedido, o link de rastreamento na confirmação de envio mostra onde está o seu pacote.\n\n{{signoff}}',
    },
  },
  {
    name: 'Satisfaction survey',
    folder: 'Auto-reply',
    variants: {
      en: '{{greeting}}\n\nhow did we do? Just reply with a number from 1 (poor) to 5 (excellent), or an emoji.\nIf you would rather not get these questions, reply STOP.\n\n{{signoff}}',
      zh: '{{greeting}}\n\n您对我们的服务满意吗？请直接回复 1（很差）到 5（非常好）之间的数字，或一个表情。\n如不想再收到此类问题，请回复“退订”。\n\n{{signoff}}',
      es: '{{greeting}}\n\n¿qué tal le hemos atendido? Responda simplemente con un número del 1 (mal) al 5 (excelente), o con un emoji.\nSi prefiere no recibir estas preguntas, responda BAJA.\n\n{{signoff}}',
      de: '{{greeting}}\n\nwie zufrieden sind Sie mit uns? Antworten Sie einfach mit einer Zahl von 1 (schlecht) bis 5 (ausgezeichnet) oder einem Emoji.\nWenn Sie solche Fragen nicht mehr erhalten möchten, antworten Sie mit STOPP.\n\n{{signoff}}',
      fr: '{{greeting}}\n\nêtes-vous satisfait de notre service ? Répondez simplement par un chiffre de 1 (mauvais) à 5 (excellent), ou par un emoji.\nSi vous préférez ne plus recevoir ces questions, répondez STOP.\n\n{{signoff}}',
      ja: '{{greeting}}\n\n今回の対応はいかがでしたか。1（不満）から5（大変満足）までの数字、または絵文字でご返信ください。\n今後このようなご質問が不要な場合は「配信停止」とご返信ください。\n\n{{signoff}}',
      pt: '{{greeting}}\n\ncomo foi o nosso atendimento? Basta responder com um número de 1 (ruim) a 5 (excelente), ou com um emoji.\nSe preferir não receber estas perguntas, responda PARAR.\n\n{{signoff}}',
    },
  },
];
