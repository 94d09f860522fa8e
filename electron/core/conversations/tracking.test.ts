import { describe, expect, it } from 'vitest';
import { findTrackingNumber, trackingLink } from './tracking.js';

describe('tracking numbers in a conversation', () => {
  it('finds the postal, UPS and Chinese carriers’ formats, and numbers written after a label in many languages', () => {
    expect(findTrackingNumber(['Your parcel LX123456789CN left our warehouse.'])).toBe('LX123456789CN');
    expect(findTrackingNumber(['UPS: 1Z999AA10123456784'])).toBe('1Z999AA10123456784');
    expect(findTrackingNumber(['Cainiao LP00123456789012 and more'])).toBe('LP00123456789012');
    expect(findTrackingNumber(['Sendungsnummer: 00340434161234567890'])).toBe('00340434161234567890');
    expect(findTrackingNumber(['运单号：SF1234567890123'])).toBe('SF1234567890123');
    expect(findTrackingNumber(['número de seguimiento 9400111899223197428490'])).toBe('9400111899223197428490');
  });

  it('takes the newest message that has one, and does not mistake order numbers or words for one', () => {
    expect(findTrackingNumber(['Order 302-4417823-5590312 please', 'tracking number: RR987654321DE', 'old RA111111111CN'])).toBe('RR987654321DE');
    expect(findTrackingNumber(['Where is order 302-4417823-5590312?', 'the tracking number is missing'])).toBeNull();
  });

  it('builds the tracking page address from the shop’s template', () => {
    expect(trackingLink('https://t.17track.net/en#nums={number}', 'LX123456789CN')).toBe('https://t.17track.net/en#nums=LX123456789CN');
  });
});
