import { describe, expect, it } from 'vitest';
import { stripReplyPrefixes, subjectKey } from './subject.js';

describe('reply and forward prefixes', () => {
  it.each([
    ['Re: Order 123', 'Order 123'],
    ['RE: re: Fwd: FW: Order 123', 'Order 123'],
    ['AW: WG: Rücksendung', 'Rücksendung'],
    ['SV: VS: Bestilling', 'Bestilling'],
    ['Réf. : RV: Pedido', 'Pedido'],
    ['Re[2]: Re(3): Pedido', 'Pedido'],
    ['回复：回覆: 答复：关于发货', '关于发货'],
    ['转发: 轉寄：訂單', '訂單'],
    ['Antw: Bestelling', 'Bestelling'],
    ['Ready to ship', 'Ready to ship'],
    ['Return label', 'Return label'],
  ])('%s → %s', (subject, expected) => {
    expect(stripReplyPrefixes(subject)).toBe(expected);
  });

  it('folds case, width and spacing into one key', () => {
    expect(subjectKey('Re:  ORDER   123')).toBe(subjectKey('order 123'));
    expect(subjectKey('ＲＥ：Ｏｒｄｅｒ')).toBe('order');
    expect(subjectKey('Re: ')).toBe('');
  });
});
