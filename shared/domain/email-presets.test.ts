import { describe, expect, it } from 'vitest';
import { emailPresets, presetFor } from './email-presets.js';

describe('email presets', () => {
  it('finds the provider by the address domain, whatever the case', () => {
    expect(presetFor('Shop@GMAIL.com')?.imap).toEqual({ host: 'imap.gmail.com', port: 993, tls: 'tls' });
    expect(presetFor('seller@foxmail.com')?.id).toBe('qq');
    expect(presetFor('store@163.com')?.smtp).toEqual({ host: 'smtp.163.com', port: 465, tls: 'tls' });
    expect(presetFor('me@my-own-shop.example')).toBeUndefined();
    expect(presetFor('not an address')).toBeUndefined();
  });

  it('claims each domain once', () => {
    const domains = emailPresets.flatMap((p) => p.domains);
    expect(new Set(domains).size).toBe(domains.length);
  });
});
