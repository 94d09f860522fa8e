// A test file's private mail servers (started before its tests, stopped after) and fresh mailboxes on them.
import { afterAll, beforeAll } from 'vitest';
import { startMailServers, type MailServerOptions, type MailServers } from '../harness/mail-servers.js';

export interface MailSuite {
  readonly servers: MailServers;
  /** A new mailbox `<prefix><n>@example.test` with this password, unique within the file. */
  mailbox(prefix: string, password?: string): Promise<string>;
}

export function useMailServers(options: MailServerOptions = {}): MailSuite {
  let servers: MailServers | undefined;
  let n = 0;
  beforeAll(async () => {
    servers = await startMailServers(options);
  });
  afterAll(async () => {
    await servers?.stop();
  });
  return {
    get servers() {
      if (!servers) throw new Error('The mail servers are not started yet (use them inside a test or hook).');
      return servers;
    },
    async mailbox(prefix, password = 'pw') {
      n += 1;
      const address = `${prefix}${n}@example.test`;
      await this.servers.addUser(address, password);
      return address;
    },
  };
}
