// Server settings of the mail providers sellers use most, so the agent types only address and password.
// Each preset names what its provider requires instead of the normal password (see the locale's presets.*).
import type { OAuthProvider, ServerEndpoint } from './types.js';

export interface EmailPreset {
  id: 'gmail' | 'outlook' | 'yahoo' | 'icloud' | 'zoho' | 'qq' | '163';
  name: string;
  domains: string[];
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /**
   * The provider's OAuth 2.0 endpoints and mail scopes, where it signs mail apps in that way. The client ID is
   * the app's registration with the provider, entered by whoever installs the app (see docs/OAUTH.md).
   */
  oauth?: Omit<OAuthProvider, 'clientId' | 'clientSecret'>;
}

export const emailPresets: readonly EmailPreset[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    domains: ['gmail.com', 'googlemail.com'],
    imap: { host: 'imap.gmail.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' },
    // developers.google.com/identity/protocols/oauth2/native-app; scope from developers.google.com/gmail/imap/xoauth2-protocol
    oauth: {
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      scopes: ['https://mail.google.com/'],
    },
  },
  {
    id: 'outlook',
    name: 'Outlook / Office 365',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'],
    imap: { host: 'outlook.office365.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.office365.com', port: 587, tls: 'starttls' },
    // learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth
    oauth: {
      authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access'],
    },
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    domains: ['yahoo.com', 'ymail.com', 'rocketmail.com'],
    imap: { host: 'imap.mail.yahoo.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.mail.yahoo.com', port: 465, tls: 'tls' },
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    imap: { host: 'imap.mail.me.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.mail.me.com', port: 587, tls: 'starttls' },
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com'],
    imap: { host: 'imap.zoho.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.zoho.com', port: 465, tls: 'tls' },
  },
  {
    id: 'qq',
    name: 'QQ Mail',
    domains: ['qq.com', 'foxmail.com', 'vip.qq.com'],
    imap: { host: 'imap.qq.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.qq.com', port: 465, tls: 'tls' },
  },
  {
    id: '163',
    name: '163 Mail (NetEase)',
    domains: ['163.com'],
    imap: { host: 'imap.163.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.163.com', port: 465, tls: 'tls' },
  },
];

/** The preset for an address's domain, if the provider is one of the above. */
export function presetFor(address: string): EmailPreset | undefined {
  const domain = address.trim().toLowerCase().split('@')[1];
  return domain ? emailPresets.find((p) => p.domains.includes(domain)) : undefined;
}
