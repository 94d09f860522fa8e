// Attachment files: where a stored one lives on disk, and fetching one the download limit left on the server
// (streamed into a staging file by its channel, then moved into place). One download per attachment at a time.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AttachmentInfo } from '../../../shared/domain/types.js';
import type { InboxCore } from '../inbox-core.js';
import { CoreError } from '../errors.js';
import { safeFileName } from './ingest.js';
import { HIDDEN_CONTROLS } from '../../../shared/domain/file-names.js';
import type { RawSources } from './raw-sources.js';

const inFlight = new Map<string, Promise<string>>();

/** The files of messages removed from the store: their attachments' folder and their raw source. */
export function removeMessageFiles(profile: { attachmentsDir: string; rawSources: RawSources }, messageIds: readonly string[]): void {
  for (const id of messageIds) fs.rmSync(path.join(profile.attachmentsDir, id), { recursive: true, force: true });
  profile.rawSources.remove(messageIds);
}

/** The attachment's file on disk, downloading it first when it is still only on the server. */
export function attachmentFile(core: InboxCore, id: string): Promise<string> {
  const running = inFlight.get(id);
  if (running) return running;
  const job = fetchIfRemote(core, id).finally(() => inFlight.delete(id));
  inFlight.set(id, job);
  return job;
}

async function fetchIfRemote(core: InboxCore, id: string): Promise<string> {
  const row = core.store.messages.attachment(id);
  if (!row) throw new CoreError('NOT_FOUND', 'This attachment no longer exists.');
  if (row.downloaded) return path.join(core.attachmentsDir, row.path);
  const message = core.store.messages.get(row.messageId);
  const connector = message && core.connectorFor(message.accountId);
  if (!message || !connector?.downloadPart || !row.part) throw new CoreError('NOT_FOUND', 'This attachment cannot be downloaded.');
  const staging = path.join(core.attachmentsDir, '.staging', crypto.randomUUID());
  try {
    const size = await connector.downloadPart(row.messageId, row.part, staging);
    const relative = path.join(row.messageId, `${crypto.randomUUID().slice(0, 8)}-${safeFileName(row.filename)}`);
    fs.mkdirSync(path.join(core.attachmentsDir, row.messageId), { recursive: true, mode: 0o700 });
    fs.renameSync(staging, path.join(core.attachmentsDir, relative));
    core.store.messages.attachmentDownloaded(id, relative, size);
    core.events.emit('conversations.changed', { ids: [message.conversationId] });
    return path.join(core.attachmentsDir, relative);
  } finally {
    fs.rmSync(staging, { force: true });
  }
}

/**
 * File types that run code when opened (on Windows, macOS or Linux). Mail is the classic way such files arrive
 * from strangers, so the app never opens them itself: it shows where the file was saved.
 */
const RUNNABLE = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'cpl', 'msi', 'msp', 'msc', 'jar', 'js', 'jse', 'vbs', 'vbe', 'wsf',
  'wsh', 'ps1', 'psm1', 'hta', 'lnk', 'reg', 'inf', 'scf', 'url', 'appref-ms', 'gadget', 'application', 'dll',
  'sh', 'bash', 'command', 'run', 'bin', 'app', 'pkg', 'dmg', 'deb', 'rpm', 'appimage', 'desktop', 'iso', 'img',
  'vhd', 'vhdx', 'chm', 'docm', 'xlsm', 'pptm',
  // Opened by a browser, where their scripts run with the file's own origin.
  'html', 'htm', 'xhtml', 'shtml', 'svg', 'svgz', 'mht', 'mhtml', 'xml', 'xsl',
]);

/**
 * True when a file must not be opened by the app. Checked on every name that could decide what the system
 * does with it: the name the sender gave and the name the file was saved under.
 */
export function isRunnable(...names: string[]): boolean {
  return names.some((name) => {
    // Trailing dots and spaces are dropped by Windows ("a.exe." runs as a.exe); hidden controls are not part of
    // the extension a system sees.
    const plain = name.replace(HIDDEN_CONTROLS, '').replace(/[.\s]+$/, '').toLowerCase();
    const ext = /\.([^.]+)$/.exec(plain)?.[1];
    return ext === undefined ? false : RUNNABLE.has(ext);
  });
}

export function attachmentInfo(core: InboxCore, id: string): AttachmentInfo {
  const row = core.store.messages.attachment(id);
  if (!row) throw new CoreError('NOT_FOUND', 'This attachment no longer exists.');
  return { id: row.id, filename: row.filename, contentType: row.contentType, size: row.size, downloaded: row.downloaded };
}
