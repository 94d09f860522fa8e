import { describe, expect, it } from 'vitest';
import { automatedReason, headerMap } from './automated-mail.js';

const headers = (raw: string) =>
  headerMap(
    raw
      .trim()
      .split(/\n(?![ \t])/)
      .map((line) => ({ key: line.slice(0, line.indexOf(':')).toLowerCase(), line })),
  );

describe('automated mail (RFC 3834)', () => {
  it('lets a buyer’s own mail through', () => {
    expect(automatedReason(headers('From: Ana <ana@example.es>\nSubject: ¿Dónde está mi pedido?\nAuto-Submitted: no'), 'ana@example.es')).toBeNull();
  });

  it.each([
    ['an auto-reply', 'Auto-Submitted: auto-replied (vacation)', 'auto-submitted'],
    ['an auto-generated notice', 'Auto-Submitted: auto-generated', 'auto-submitted'],
    ['bulk mail', 'Precedence: bulk', 'bulk'],
    ['junk', 'Precedence: junk', 'bulk'],
    ['a mailing list by Precedence', 'Precedence: list', 'bulk'],
    ['a mailing list by List-Id', 'List-Id: Sellers <sellers.lists.example.org>', 'list'],
    ['a newsletter', 'List-Unsubscribe: <mailto:leave@example.org>', 'list'],
    ['a bounce (null return path)', 'Return-Path: <>', 'bounce'],
    ['a delivery report', 'Content-Type: multipart/report; report-type=delivery-status;\n boundary="x"', 'bounce'],
    ['mail asking for no auto-response', 'X-Auto-Response-Suppress: OOF, AutoReply', 'suppressed'],
  ])('never answers %s', (_what, header, reason) => {
    expect(automatedReason(headers(`From: someone@example.org\n${header}`), 'someone@example.org')).toBe(reason);
  });

  it.each(['noreply@shop.example', 'no-reply@accounts.example', 'do_not_reply@bank.example', 'MAILER-DAEMON@mx.example', 'postmaster@example.org', 'no-reply+tag@x.example'])(
    'never answers a sender that reads no replies: %s',
    (address) => {
      expect(automatedReason(headers(`From: ${address}`), address)).toBe('no-reply sender');
    },
  );

  it('never answers a marketplace’s own notification, and answers a person whose name only looks alike', () => {
    expect(automatedReason(headers('From: eBay <ebay@ebay.com>'), 'ebay@ebay.com', true)).toBe('marketplace notification');
    expect(automatedReason(headers('From: Noreen <noreen@example.ie>'), 'noreen@example.ie')).toBeNull();
    expect(automatedReason(headers('From: Return <bounce-back-buyer@example.org>'), 'bounce-back-buyer@example.org')).toBeNull();
  });
});
