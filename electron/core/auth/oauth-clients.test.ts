// The app's OAuth registrations file, as a distributor fills it in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOAuthClients } from './oauth-clients.js';

const file = (text: string) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-clients-')), 'oauth-clients.json');
  fs.writeFileSync(f, text);
  return f;
};

describe('oauth-clients.json', () => {
  it('is optional, and the file as shipped registers nothing', () => {
    expect(loadOAuthClients('/nonexistent/oauth-clients.json')).toEqual({});
    expect(loadOAuthClients(path.resolve(import.meta.dirname, '../../../resources/oauth-clients.json'))).toEqual({});
  });

  it('gives each provider preset its client', () => {
    expect(loadOAuthClients(file('{"gmail": {"clientId": "123.apps.googleusercontent.com", "clientSecret": "GOCSPX-x"}, "outlook": {"clientId": "0000-1111"}}'))).toEqual({
      gmail: { clientId: '123.apps.googleusercontent.com', clientSecret: 'GOCSPX-x' },
      outlook: { clientId: '0000-1111' },
    });
  });

  it('names the file and the problem when it is malformed, instead of starting without sign-in', () => {
    const broken = file('{"gmail": {"clientId": ""}, "hotmail": {"clientId": "x"}}');
    expect(() => loadOAuthClients(broken)).toThrow(broken);
    expect(() => loadOAuthClients(broken)).toThrow(/gmail\.clientId/);
    expect(() => loadOAuthClients(file('{ gmail: 1 }'))).toThrow(/not valid JSON/);
  });
});
