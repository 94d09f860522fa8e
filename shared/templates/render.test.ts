import { describe, expect, it } from 'vitest';
import { chooseVariant, firstName, renderTemplate, renderUnattended } from './render.js';

const ctx = { customerName: 'Lucía Fernández', agentName: 'Ana', subject: 'Pedido #ML-20481' };

describe('canned response templates', () => {
  it('fills the variables an agent uses', () => {
    expect(renderTemplate('Hola {{customer.firstName}}, soy {{ agent.name }}. Sobre "{{conversation.subject}}"…', ctx)).toBe(
      'Hola Lucía, soy Ana. Sobre "Pedido #ML-20481"…',
    );
  });

  it('leaves unknown or empty variables visible, so nothing half-filled goes out unnoticed', () => {
    expect(renderTemplate('Order {{order.id}} for {{customer.name}}', { ...ctx, customerName: '' })).toBe('Order {{order.id}} for {{customer.name}}');
  });

  it('uses names without spaces whole', () => {
    expect(firstName('王磊')).toBe('王磊');
    expect(firstName('  Jonas   Becker ')).toBe('Jonas');
  });

  it("picks the customer's language, then the same base language, then English, then the first", () => {
    const v = { en: 'Hello', es: 'Hola', 'zh-CN': '您好', de: '' };
    expect(chooseVariant(v, 'es')).toEqual({ language: 'es', text: 'Hola' });
    expect(chooseVariant(v, 'zh')).toEqual({ language: 'zh-CN', text: '您好' });
    expect(chooseVariant(v, 'de')).toEqual({ language: 'en', text: 'Hello' }); // empty variants do not count
    expect(chooseVariant({ fr: 'Bonjour', pt: 'Olá' }, 'ja')).toEqual({ language: 'fr', text: 'Bonjour' });
    expect(chooseVariant({}, 'en')).toBeNull();
  });
});

describe('a template sent by the app itself (an auto-reply)', () => {
  const ctx = { customerName: '', agentName: 'Lumen Shop', subject: '' };
  it('leaves out variables without a value, with the spaces around them, and keeps a language’s own spacing', () => {
    expect(renderUnattended('{{greeting}}\n\nYour order {{order.id}} is noted. Ref: {{order.id}}\n  - item one\n{{signoff}}', ctx, 'en')).toBe(
      'Hello,\n\nYour order is noted. Ref:\n  - item one\nBest regards,\nLumen Shop',
    );
    expect(renderUnattended('Merci ! Nos heures : {{hours}}. Commande {{order.id}} ; à bientôt.', ctx, 'fr')).toBe('Merci ! Nos heures :. Commande ; à bientôt.');
    expect(renderUnattended('{{order.id}} first\n\n\n\nlast', ctx)).toBe('first\n\nlast');
  });
});
