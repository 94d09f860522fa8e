// Adding a Page's Messenger or Instagram inbox: the Page token is checked with Graph before anything is saved,
// and for Instagram the professional account linked to the Page is found.
import { CoreError } from '../../errors.js';
import { GRAPH_API, GraphApi, type Platform } from './api.js';

export async function verifyMetaPage(platform: Platform, token: string, apiUrl?: string): Promise<{ pageId: string; pageName: string; igUserId?: string; igUsername?: string }> {
  const page = await new GraphApi(apiUrl ?? GRAPH_API, token).page();
  if (platform === 'messenger') return { pageId: page.id, pageName: page.name };
  const ig = page.instagram_business_account;
  if (!ig) {
    throw new CoreError('INVALID_INPUT', `No Instagram professional account is linked to the Page "${page.name}". Link it in the Page's settings (Linked accounts), then connect again.`);
  }
  return { pageId: page.id, pageName: page.name, igUserId: ig.id, ...(ig.username ? { igUsername: ig.username } : {}) };
}
