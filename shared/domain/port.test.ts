import { describe, expect, it } from 'vitest';
import { parsePort } from './port.js';

describe('parsePort', () => {
  it('takes decimal port numbers', () => {
    expect(parsePort('993')).toBe(993);
    expect(parsePort(' 5180 ')).toBe(5180);
    expect(parsePort('65535')).toBe(65535);
  });

  it('refuses what Number() would quietly accept', () => {
    for (const bad of ['1e3', '0x8f', '', ' ', '-1', '1.5', '65536', '99999', 'abc', '0b11', undefined]) {
      expect(parsePort(bad), String(bad)).toBeNull();
    }
  });

  it('takes 0 (any free port) only where asked', () => {
    expect(parsePort('0')).toBeNull();
    expect(parsePort('0', { allowZero: true })).toBe(0);
  });
});
