// A message's HTML body for display: the images it shows in place (cid: references to its own inline parts)
// become data: URLs, so the sanitized frame needs no access to anything but itself.
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../db/store.js';

/** Inline images larger than this are left out (the frame shows a broken image) rather than inlined. */
const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;

export function htmlForDisplay(store: Store, attachmentsDir: string, messageId: string): string | null {
  const html = store.messages.html(messageId);
  if (html === null) return null;
  const images = new Map(store.messages.imagesByContentId(messageId).map((i) => [i.content_id.replace(/^<|>$/g, '').toLowerCase(), i]));
  if (images.size === 0) return html;
  const cache = new Map<string, string>();
  return html.replace(/cid:([^"'\s)>]+)/gi, (whole, id: string) => {
    let key = id;
    try {
      key = decodeURIComponent(id);
    } catch {
      // keep it as written
    }
    const image = images.get(key.toLowerCase());
    if (!image || image.size > MAX_INLINE_IMAGE_BYTES) return whole;
    let url = cache.get(key);
    if (!url) {
      try {
        url = `data:${image.content_type};base64,${fs.readFileSync(path.join(attachmentsDir, image.path)).toString('base64')}`;
      } catch {
        return whole;
      }
      cache.set(key, url);
    }
    return url;
  });
}
