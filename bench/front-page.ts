/**
 * `npm run bench -- front-page`: each labelled news day as a user would see it. One RSS file per
 * outlet is served on 127.0.0.1 and `gazette digest` (the real command line) runs over all of them
 * with `digest.maxStories: 10`. The ten cards are traced back to the labelled events through their
 * source links, and three things are checked: no event is told twice, the day's five most widely
 * told events (most outlets) are all there (and, stricter, on a card that links at least half of
 * the outlets that told them, not a small piece of a split event), and the widest is first; then the totals of the days
 * the story weights were fitted on and of the days held out of all fitting and tuning.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasCorpus } from './lib/corpus.js';
import { byRole, LABELLED_DAYS, readLabelledDay, roleOf, type LabelledDay } from './lib/story-days.js';

const repo = path.resolve(import.meta.dirname, '..');

function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

function rssOf(source: string, items: LabelledDay['items']): string {
  const entries = items.map(
    (item) => `<item><title>${escapeXml(item.title ?? '')}</title><link>${escapeXml(item.url ?? '')}</link>
<guid isPermaLink="false">${escapeXml(item.id)}</guid><pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>
<description>${escapeXml(item.text)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escapeXml(source)}</title><link>https://example.org/</link>
<description>${escapeXml(source)}</description>
${entries.join('\n')}
</channel></rss>`;
}

async function serve(day: LabelledDay): Promise<{ server: Server; urls: string[] }> {
  const files = new Map<string, string>();
  const bySource = new Map<string, LabelledDay['items'][number][]>();
  for (const item of day.items) bySource.set(item.source, [...(bySource.get(item.source) ?? []), item]);
  [...bySource].forEach(([source, items], i) => files.set(`/feed-${i}.xml`, rssOf(source, items)));
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, urls: [...files.keys()].map((p) => `http://127.0.0.1:${port}${p}`) };
}

interface Verdict {
  readonly cards: readonly (string | null)[];
  readonly repeated: number;
  /**
   * Each of the day's five widest events: whether a top-10 card carries it, and whether one card
   * carries at least half of the outlets that told it (not a two-outlet piece of a six-outlet event).
   */
  readonly widest: readonly { label: string; outlets: number; found: boolean; whole: boolean }[];
  readonly widestFirst: boolean;
  /** Cards that show a headline and sources but no summary. */
  readonly withoutSummary: number;
}

/** Cards of a printed digest (blocks that list sources) with no line between headline and sources. */
function cardsWithoutSummary(stdout: string): number {
  return stdout
    .split(/\n\s*\n/u)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.some((line) => line.trimStart().startsWith('Sources:')))
    .filter((lines) => (lines[1] ?? '').trimStart().startsWith('Sources:')).length;
}

function judge(day: LabelledDay, stdout: string): Verdict {
  const labelOfUrl = new Map(day.items.map((item) => [item.url ?? '', day.truth.get(item.id) ?? '']));
  const sourceOfUrl = new Map(day.items.map((item) => [item.url ?? '', item.source]));
  // Each card's event (its links' most common label) and the outlets of that event it links to.
  const carried = stdout
    .split('\n')
    .filter((line) => line.trimStart().startsWith('Sources:'))
    .map((line) => {
      const urls = [...line.matchAll(/<([^>]+)>/gu)].map((m) => m[1] ?? '');
      const counts = new Map<string, number>();
      for (const url of urls) {
        const label = labelOfUrl.get(url) ?? '';
        if (label !== '') counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      const label = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      const outlets = new Set(urls.filter((u) => labelOfUrl.get(u) === label).map((u) => sourceOfUrl.get(u)));
      return { label, outlets: outlets.size };
    });
  const cards = carried.map((c) => c.label);
  const outlets = new Map<string, Set<string>>();
  const sizes = new Map<string, number>();
  for (const item of day.items) {
    const label = day.truth.get(item.id) ?? '';
    outlets.set(label, (outlets.get(label) ?? new Set()).add(item.source));
    sizes.set(label, (sizes.get(label) ?? 0) + 1);
  }
  const ranked = [...outlets]
    .map(([label, set]) => ({ label, outlets: set.size, items: sizes.get(label) ?? 0 }))
    .sort((a, b) => b.outlets - a.outlets || b.items - a.items);
  const widest = ranked.slice(0, 5).map((e) => ({
    label: e.label,
    outlets: e.outlets,
    found: cards.includes(e.label),
    whole: carried.some((c) => c.label === e.label && 2 * c.outlets >= e.outlets),
  }));
  const seen = new Set<string>();
  let repeated = 0;
  for (const card of cards) {
    if (card === null) continue;
    if (seen.has(card)) repeated++;
    seen.add(card);
  }
  // Ties for widest count: any event with the top outlet count may lead.
  const top = ranked[0]?.outlets ?? 0;
  const first = cards[0];
  return {
    cards,
    repeated,
    widest,
    widestFirst: first != null && (outlets.get(first)?.size ?? 0) === top,
    withoutSummary: cardsWithoutSummary(stdout),
  };
}

async function frontPage(name: string): Promise<Verdict | null> {
  const day = readLabelledDay(name);
  const { server, urls } = await serve(day);
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-front-page-'));
  const config = path.join(dir, 'config.yaml');
  // Article pages are not fetched: the bench reads what the feeds say, offline.
  writeFileSync(config, 'digest:\n  maxStories: 10\nextraction:\n  minWords: 0\n');
  const sinceHours =
    Math.ceil((Date.now() - Math.min(...day.items.map((i) => i.publishedAt))) / 3_600_000) + 48;
  const started = performance.now();
  // Spawned, not run synchronously: the feeds are served from this process's event loop.
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'src/cli.ts'), 'digest', ...urls, '--since', `${sinceHours}h`],
      {
        env: {
          ...process.env,
          GAZETTE_CONFIG: config,
          GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback',
          GAZETTE_DATA_DIR: dir,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
  const seconds = (performance.now() - started) / 1000;
  server.close();
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) {
    console.log(
      `${name}: gazette digest exited with ${run.status ?? 'a signal'}: ${run.stderr.slice(0, 500)}`,
    );
    return null;
  }
  const verdict = judge(day, run.stdout);
  console.log(
    `\n${name} (${roleOf(name)}): ${day.items.length} items from ${urls.length} outlets, ` +
      `digest in ${seconds.toFixed(1)} s`,
  );
  console.log(`  top 10 cards: ${verdict.cards.map((c) => c ?? '?').join(', ')}`);
  console.log(`  an event told twice: ${verdict.repeated === 0 ? 'never' : `${verdict.repeated} times`}`);
  console.log(
    `  the 5 most widely told events: ${verdict.widest.map((w) => `${w.label} (${w.outlets} outlets) ${w.found ? (w.whole ? '✓' : '✓ in part') : '✗'}`).join(', ')}`,
  );
  console.log(`  widest first: ${verdict.widestFirst ? 'yes' : 'no'}`);
  console.log(`  cards without a summary: ${verdict.withoutSummary}`);
  return verdict;
}

if (!hasCorpus()) {
  console.log('front-page: the shared corpus is not here; skipped');
} else {
  const results: [string, Verdict | null][] = [];
  for (const name of LABELLED_DAYS) results.push([name, await frontPage(name)]);
  console.log('');
  for (const [role, verdicts] of byRole(results)) {
    const judged = verdicts.filter((v) => v !== null);
    const found = judged.reduce((sum, v) => sum + v.widest.filter((w) => w.found).length, 0);
    const whole = judged.reduce((sum, v) => sum + v.widest.filter((w) => w.whole).length, 0);
    console.log(
      `${role}, ${verdicts.length} days (${verdicts.length - judged.length} failed): an event told twice on ` +
        `${judged.filter((v) => v.repeated > 0).length}, the 5 widest in the top 10 ${found} of ` +
        `${judged.reduce((sum, v) => sum + v.widest.length, 0)} (on a card with half their outlets or more: ${whole}), widest first on ${judged.filter((v) => v.widestFirst).length}, ` +
        `cards without a summary ${judged.reduce((sum, v) => sum + v.withoutSummary, 0)} of ${judged.reduce((sum, v) => sum + v.cards.length, 0)}`,
    );
  }
}
