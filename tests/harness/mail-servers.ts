// Starts private Dovecot (IMAP + LMTP + SASL auth) and Postfix (SMTP, delivering into Dovecot over LMTP)
// instances on loopback, from a temp directory, for integration and end-to-end tests. Needs root (as in CI).
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';

const run = promisify(execFile);
export const TEST_DOMAIN = 'example.test';
/** Marketplace relay domains the private Postfix also accepts, delivering into Dovecot on loopback. */
export const RELAY_TEST_DOMAINS = ['marketplace.amazon.de', 'members.ebay.com'];

/** Starts a daemonizing command with no inherited pipes (a daemon would hold them open) and waits for it. */
function startDaemon(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // stderr is read but 'exit' (not 'close') ends the wait: a daemon's children may keep the pipe open.
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

export interface MailServers {
  dir: string;
  imapPort: number;
  /** ManageSieve, when started with `sieve`. */
  sievePort: number;
  smtpPort: number;
  lmtpPort: number;
  /** Creates a mailbox user and waits until Dovecot's auth accepts it. */
  addUser(address: string, password: string): Promise<void>;
  /** Runs doveadm against this instance and returns its stdout. */
  doveadm(...args: string[]): Promise<string>;
  /** Delivers raw RFC 5322 bytes straight into a mailbox over LMTP. */
  deliver(to: string, raw: string | Buffer, from?: string): Promise<void>;
  /** Whether Postfix has handed on everything it accepted (its queue is empty). */
  postfixIdle(): Promise<boolean>;
  /** Dovecot's log so far (Pigeonhole writes what each Sieve script did there). */
  dovecotLog(): string;
  stopPostfix(): Promise<void>;
  startPostfix(): Promise<void>;
  stopDovecot(): Promise<void>;
  /** Kills every Dovecot process of this instance at once (SIGKILL), as a crash would; synchronous. */
  crashDovecot(): void;
  startDovecot(): Promise<void>;
  /** Waits until SMTP AUTH works end to end again (Postfix reconnects to Dovecot's auth lazily). */
  waitUntilHealthy(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, what: string, logFile: string, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '(no log)';
  throw new Error(`${what} did not listen on ${port}:\n${log}`);
}

const MAIN_CF = '/etc/postfix/main.cf';
/** The system's own main.cf as it was before the first harness touched it ("absent" when there was none). */
const MAIN_CF_BACKUP = '/etc/postfix/.test-harness.orig';
const MAIN_CF_ABSENT = '/etc/postfix/.test-harness.absent';

/**
 * Postfix only accepts `-c DIR` for directories listed in the default main.cf. Every harness adds its directory
 * there while it runs (serialized with a lock dir, since test files run in parallel); the first one keeps the
 * system's file as it was, and the last one to leave puts it back exactly (or removes it, if there was none).
 */
function setAlternateDir(confDir: string, add: boolean): void {
  const lock = '/etc/postfix/.test-harness.lock';
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) fs.rmSync(lock, { recursive: true, force: true });
      execFileSync('sleep', ['0.02']);
    }
  }
  try {
    const saved = fs.existsSync(MAIN_CF_BACKUP) || fs.existsSync(MAIN_CF_ABSENT);
    if (!saved) {
      if (fs.existsSync(MAIN_CF)) fs.copyFileSync(MAIN_CF, MAIN_CF_BACKUP);
      else fs.writeFileSync(MAIN_CF_ABSENT, '');
    }
    const lines = fs.existsSync(MAIN_CF) ? fs.readFileSync(MAIN_CF, 'utf8').split('\n') : [];
    const idx = lines.findIndex((l) => l.startsWith('alternate_config_directories'));
    const current = idx >= 0 ? lines[idx]!.split('=')[1]!.trim().split(/[\s,]+/).filter(Boolean) : [];
    // Drop entries whose directories are gone (left by killed test runs).
    const kept = current.filter((d) => d !== confDir && fs.existsSync(d));
    const next = add ? [...kept, confDir] : kept;
    if (next.length === 0) {
      // The last harness is gone: the system's file as it was.
      if (fs.existsSync(MAIN_CF_BACKUP)) fs.renameSync(MAIN_CF_BACKUP, MAIN_CF);
      else fs.rmSync(MAIN_CF, { force: true });
      fs.rmSync(MAIN_CF_ABSENT, { force: true });
      return;
    }
    const line = `alternate_config_directories = ${next.join(' ')}`;
    if (idx >= 0) lines[idx] = line;
    else lines.push(line);
    fs.writeFileSync(MAIN_CF, lines.join('\n'));
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface MailServerOptions {
  /**
   * Also accept OAuth 2.0 bearer tokens (SASL XOAUTH2, for IMAP and, through Dovecot SASL, SMTP), checked by
   * Dovecot's oauth2 passdb at this RFC 7662 introspection URL (Basic credentials in the URL).
   */
  oauth2IntrospectionUrl?: string;
  /** Replaces the IMAP capabilities Dovecot announces after login (e.g. without CONDSTORE and QRESYNC). */
  imapCapability?: string;
  /**
   * Sieve on delivery (Pigeonhole) and a ManageSieve listener (`sievePort`); what a Sieve script sends (a
   * vacation reply) leaves through the private Postfix.
   */
  sieve?: boolean;
}

export async function startMailServers(options: MailServerOptions = {}): Promise<MailServers> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-mail-'));
  fs.chmodSync(dir, 0o755);
  const [imapPort, lmtpPort, authPort, smtpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const sievePort = options.sieve ? await freePort() : 0;

  // --- Dovecot ---
  const mailDir = path.join(dir, 'mail');
  fs.mkdirSync(mailDir);
  execFileSync('chown', ['mail:mail', mailDir]);
  // One passwd-file per user: a new user is a file Dovecot has never opened, so it is seen at once.
  const usersDir = path.join(dir, 'users');
  fs.mkdirSync(usersDir, { mode: 0o755 });
  const dovecotConf = path.join(dir, 'dovecot.conf');
  const instanceName = `dovecot-${path.basename(dir)}`;
  const dovecotLog = path.join(dir, 'dovecot.log');
  fs.writeFileSync(
    dovecotConf,
    `
base_dir = ${dir}/dovecot-run
state_dir = ${dir}/dovecot-state
log_path = ${dovecotLog}
instance_name = ${instanceName}
listen = 127.0.0.1
protocols = imap lmtp${options.sieve ? ' sieve' : ''}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${options.oauth2IntrospectionUrl ? ' xoauth2' : ''}
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 8
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${usersDir}/%u
}
${options.oauth2IntrospectionUrl ? `passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${dir}/dovecot-oauth2.conf.ext
}` : ''}
userdb {
  driver = static
  args = uid=mail gid=mail home=${mailDir}/%u allow_all_users=yes
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
# No growing delay after failed logins from one IP (anvil's auth penalty): every test logs in from
# 127.0.0.1, and some fail logins on purpose.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  inet_listener auth-sasl {
    address = 127.0.0.1
    port = ${authPort}
  }
}
protocol lmtp {
  postmaster_address = postmaster@${TEST_DOMAIN}
${options.sieve ? '  mail_plugins = $mail_plugins sieve' : ''}
}
${options.sieve ? `service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = ${sievePort}
  }
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
}
postmaster_address = postmaster@${TEST_DOMAIN}
submission_host = 127.0.0.1:${smtpPort}` : ''}
${options.imapCapability ? `protocol imap {
  imap_capability = ${options.imapCapability}
}` : ''}
`,
  );

  if (options.oauth2IntrospectionUrl) {
    fs.writeFileSync(
      path.join(dir, 'dovecot-oauth2.conf.ext'),
      [
        `introspection_url = ${options.oauth2IntrospectionUrl}`,
        'introspection_mode = post',
        'force_introspection = yes',
        'username_attribute = email',
        'active_attribute = active',
        'active_value = true',
        'timeout_msecs = 5000',
        '',
      ].join('\n'),
      { mode: 0o644 },
    );
  }

  const startDovecot = async () => {
    // Our instance is stopped: sockets left in its run folder are stale, and processes that are still
    // winding down may hold them (or a port) for a moment. Clear the folder and retry within a deadline.
    const until = Date.now() + 15_000;
    for (;;) {
      fs.rmSync(path.join(dir, 'dovecot-run'), { recursive: true, force: true });
      try {
        await startDaemon('dovecot', ['-c', dovecotConf]);
        break;
      } catch (err) {
        if (Date.now() > until) {
          const log = fs.existsSync(dovecotLog) ? fs.readFileSync(dovecotLog, 'utf8').slice(-1500) : '';
          throw new Error(`${(err as Error).message}\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await waitForPort(imapPort, 'Dovecot IMAP', dovecotLog);
    await waitForPort(lmtpPort, 'Dovecot LMTP', dovecotLog);
    await waitForPort(authPort, 'Dovecot auth', dovecotLog);
    if (sievePort) await waitForPort(sievePort, 'Dovecot ManageSieve', dovecotLog);
  };
  const stopDovecot = async () => {
    const pidFile = path.join(dir, 'dovecot-run', 'master.pid');
    if (!fs.existsSync(pidFile)) return;
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    // Wait until the process is gone and its ports are closed.
    // The master exits first; its imap, login and auth processes may linger and keep the ports. Wait for them.
    const until = Date.now() + 10_000;
    for (;;) {
      const left = instanceProcesses();
      let masterAlive = true;
      try {
        process.kill(pid, 0);
        // A daemon's parent may never reap it; an exited (zombie) master counts as stopped.
        masterAlive = !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        masterAlive = false;
      }
      if (!masterAlive && left.length === 0) break;
      if (Date.now() > until) {
        for (const p of left) process.kill(p, 'SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  function instanceProcesses(): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith(`${instanceName}/`)) pids.push(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
    return pids;
  }

  // --- Postfix ---
  const confDir = path.join(dir, 'postfix');
  fs.mkdirSync(confDir);
  const postfixLog = path.join(dir, 'postfix.log');
  fs.writeFileSync(
    path.join(confDir, 'main.cf'),
    `
compatibility_level = 3.6
queue_directory = ${dir}/postfix-queue
data_directory = ${dir}/postfix-data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.${TEST_DOMAIN}
inet_interfaces = loopback-only
inet_protocols = ipv4
mydestination =
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = ${TEST_DOMAIN} ${RELAY_TEST_DOMAINS.join(' ')}
virtual_transport = lmtp:inet:127.0.0.1:${lmtpPort}
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:${authPort}
smtpd_relay_restrictions = permit_sasl_authenticated, permit_mynetworks, reject
smtputf8_enable = yes
maillog_file = ${postfixLog}
maillog_file_prefixes = ${os.tmpdir()}
`,
  );
  fs.mkdirSync(path.join(dir, 'postfix-queue'));
  fs.mkdirSync(path.join(dir, 'postfix-data'));
  execFileSync('chown', ['postfix', path.join(dir, 'postfix-data')]);
  // The package copies master.cf from its .dist file whatever debconf answered; use that if it is missing.
  const masterSource = fs.existsSync('/etc/postfix/master.cf') ? '/etc/postfix/master.cf' : '/usr/share/postfix/master.cf.dist';
  const master = fs
    .readFileSync(masterSource, 'utf8')
    .split('\n')
    .map((line) => {
      if (/^#postlog\s/.test(line)) return line.slice(1);
      if (line.startsWith('#') || /^\s/.test(line) || line.trim() === '') return line;
      const cols = line.split(/\s+/);
      if (cols.length < 8) return line;
      if (cols[0] === 'smtp' && cols[1] === 'inet') cols[0] = `127.0.0.1:${smtpPort}`;
      cols[4] = 'n';
      return cols.join('  ');
    })
    .join('\n');
  fs.writeFileSync(path.join(confDir, 'master.cf'), master);
  setAlternateDir(confDir, true);

  const startPostfix = async () => {
    try {
      await startDaemon('postfix', ['-c', confDir, 'start']);
    } catch (err) {
      const log = fs.existsSync(postfixLog) ? fs.readFileSync(postfixLog, 'utf8').slice(-2000) : '';
      throw new Error(`postfix failed to start: ${(err as Error).message}\n${log}`);
    }
    await waitForPort(smtpPort, 'Postfix SMTP', postfixLog);
  };
  const stopPostfix = async () => {
    await startDaemon('postfix', ['-c', confDir, 'stop']).catch(() => undefined);
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const open = await new Promise<boolean>((resolve) => {
        const s = net.connect(smtpPort, '127.0.0.1');
        s.once('connect', () => (s.destroy(), resolve(true)));
        s.once('error', () => resolve(false));
      });
      if (!open) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  await startDovecot();
  await startPostfix();

  const addUser = async (address: string, password: string): Promise<void> => {
    fs.writeFileSync(path.join(usersDir, address), `${address}:{PLAIN}${password}\n`, { mode: 0o644 });
    await eventually(
      () => run('doveadm', ['-c', dovecotConf, 'auth', 'test', address, password]).then(() => true, () => false),
      `Dovecot to accept ${address}`,
    );
  };

  const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: lmtpPort, lmtp: true } as nodemailer.TransportOptions);

  return {
    dir,
    imapPort,
    sievePort,
    smtpPort,
    lmtpPort,
    addUser,
    async doveadm(...args) {
      const { stdout } = await run('doveadm', ['-c', dovecotConf, ...args]);
      return stdout;
    },
    async deliver(to, raw, from = `sender@${TEST_DOMAIN}`) {
      await lmtp.sendMail({ envelope: { from, to: [to] }, raw });
    },
    async postfixIdle() {
      const { stdout } = await run('postqueue', ['-c', confDir, '-p']);
      return /Mail queue is empty/i.test(stdout);
    },
    dovecotLog: () => (fs.existsSync(dovecotLog) ? fs.readFileSync(dovecotLog, 'utf8') : ''),
    stopPostfix,
    startPostfix,
    async waitUntilHealthy() {
      const probe = `healthcheck@${TEST_DOMAIN}`;
      await addUser(probe, 'probe');
      await eventually(async () => {
        const t = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true, auth: { user: probe, pass: 'probe' } });
        try {
          return await t.verify();
        } finally {
          t.close();
        }
      }, 'SMTP AUTH through Dovecot');
    },
    stopDovecot,
    startDovecot,
    crashDovecot() {
      const pidFile = path.join(dir, 'dovecot-run', 'master.pid');
      const master = fs.existsSync(pidFile) ? [Number(fs.readFileSync(pidFile, 'utf8').trim())] : [];
      for (const pid of [...master, ...instanceProcesses()]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
    async stop() {
      lmtp.close();
      await stopPostfix();
      await stopDovecot();
      setAlternateDir(confDir, false);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after a generous deadline. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, deadlineMs = 90_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
