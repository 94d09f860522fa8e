// Benchmark: the inbox in real Chromium over a large profile. Builds a profile of N conversations through the
// app's own migrations and ingest (tests/support/large-profile.ts: one customer message each, in eight languages), starts the browser host on it,
// and measures: the first row on screen after load, scrolling down 25 pages (5,000 rows) with the long tasks it
// causes, marking a conversation read with those rows loaded, and a search. Every conversation is then paged
// through with the same keyset cursor the list uses, to show all of them are reachable. Prints figures; no
// pass/fail.   BENCH_CONVERSATIONS=100000 npm run bench:scale
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../tests/support/browser.js';
import { startWebHostProcess } from '../tests/support/web-host-process.js';
import { buildLargeProfile } from '../tests/support/large-profile.js';

const N = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);

const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-scale-'));
try {
  const profile = buildLargeProfile(profileDir, N);
  console.log(`Profile: ${profile.conversations} conversations built in ${(profile.ms / 1000).toFixed(1)} s`);

  const host = await startWebHostProcess(profileDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // (Scripts for the page are strings: this file is type-checked without the DOM's types.)
    await page.addInitScript(`window.longTasks = []; new PerformanceObserver((list) => list.getEntries().forEach((e) => window.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });`);
    const rows = page.locator('.conversation-list [role=option]');
    await page.goto(host.url);
    await rows.first().waitFor({ timeout: 120_000 });
    const firstRow = await page.evaluate<number>('performance.now()');
    const tasks = async () => page.evaluate<number[]>('window.longTasks.splice(0)');
    const atLoad = await tasks();
    console.log(`first row on screen ${firstRow.toFixed(0)} ms after navigation; long tasks during load: ${atLoad.length} (${atLoad.reduce((a, b) => a + b, 0).toFixed(0)} ms)`);

    // Scroll down until 5,000 rows are loaded (25 pages), as an agent holding End would.
    const list = page.locator('.conversation-list');
    const s0 = performance.now();
    let loaded = 0;
    while (loaded < 5000) {
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(50);
      loaded = Number((await rows.last().getAttribute('aria-setsize')) ?? 0);
    }
    const scrollMs = performance.now() - s0;
    const scrolling = await tasks();
    console.log(`scrolled to 5,000 loaded rows in ${(scrollMs / 1000).toFixed(1)} s; long tasks: ${scrolling.length} (${scrolling.reduce((a, b) => a + b, 0).toFixed(0)} ms, longest ${Math.max(0, ...scrolling).toFixed(0)} ms)`);

    // Mark read: open an unread row in view.
    const unread = page.locator('.conversation-list .conversation.unread').first();
    const m0 = performance.now();
    await unread.click();
    await page.locator('.conversation-list .conversation.selected').first().waitFor();
    while ((await page.locator('.conversation-list .conversation.selected.unread').count()) > 0) await page.waitForTimeout(5);
    const markMs = performance.now() - m0;
    const marking = await tasks();
    console.log(`opened and marked read with 5,000 loaded: ${markMs.toFixed(0)} ms; long tasks: ${marking.length} (${marking.reduce((a, b) => a + b, 0).toFixed(0)} ms)`);

    const search = page.getByRole('searchbox', { name: 'Search' });
    const q0 = performance.now();
    await search.fill('Salbeigrün');
    await page.getByTestId('search-summary').waitFor({ timeout: 60_000 });
    console.log(`search "Salbeigrün" answered on screen in ${(performance.now() - q0).toFixed(0)} ms`);

    // Every conversation reachable: page through all of them with the list's cursor, through the host's API.
    const token = new URL(host.url).hash.replace('#token=', '');
    const call = async (input: Record<string, unknown>) =>
      ((await (await fetch(new URL('/api/invoke/conversations.list', host.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) })).json()) as { value: Array<{ id: string; lastMessageAt: number }> }).value;
    const p0 = performance.now();
    let seen = 0;
    let pages = 0;
    let last: { id: string; lastMessageAt: number } | undefined;
    for (;;) {
      const page200 = await call({ limit: 200, ...(last ? { before: last.lastMessageAt, beforeId: last.id } : {}) });
      seen += page200.length;
      pages++;
      if (page200.length < 200) break;
      last = page200.at(-1);
    }
    const pagingMs = performance.now() - p0;
    console.log(`paged through all ${seen} of ${N} conversations in ${pages} pages: ${(pagingMs / pages).toFixed(1)} ms per page on average (HTTP included)`);
  } finally {
    await browser.close();
    await host.stop();
  }
} finally {
  fs.rmSync(profileDir, { recursive: true, force: true });
}
