/**
 * Live stories: how long after its first item a story reaches a live Telegram chat (on the
 * scheduler's clock: polls every 30 s, feeds every 15 minutes), how many messages and edits ten
 * outlets reporting it within a minute cost, and the wall-clock time of the pass that posts it.
 * Real telegraf against the fake Bot API, feeds over HTTP on 127.0.0.1. `npm run bench -- live`.
 */
import { performance } from 'node:perf_hooks';
import { message, privateChat, user } from '../test/fakes/telegram-updates.js';
import { testConfig } from '../test/helpers/config.js';
import { OUTLETS, startLiveOutlets } from '../test/e2e/live-outlets.js';
import { startTelegramHarness } from '../test/e2e/telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const TICK_MS = 30_000;
const POLL_MS = testConfig().polling.intervalMinutes * 60_000;
const reader = user(701, 'Lin');
const chat = privateChat(reader);

async function round(
  offsetMs: number,
): Promise<{ latencyMs: number; passMs: number; posts: number; edits: number; named: number }> {
  const outlets = await startLiveOutlets();
  const h = await startTelegramHarness({
    start: T0,
    config: { logLevel: 'silent', extraction: { ...testConfig().extraction, minWords: 0 } },
  });
  try {
    const say = (text: string) => h.exchange(message(chat, text, { from: reader }), chat.id);
    for (const url of outlets.urls) {
      await say(`/subscribe ${url}`);
      h.clock.advance(TICK_MS);
    }
    h.clock.advance(60_000);
    await say('/schedule live');
    h.clock.advance(offsetMs);
    const first = h.clock.now();
    outlets.tell(0, first);
    for (let i = 1; i < OUTLETS.length; i++) outlets.tell(i, first + i * 6_000);
    const port = () => h.fake.sentTo(chat.id).filter((m) => m.text.includes('Valdoria'));
    let latencyMs = -1;
    let passMs = 0;
    for (let t = 0; t < (2 * POLL_MS) / TICK_MS; t++) {
      h.clock.advance(TICK_MS);
      const started = performance.now();
      await h.app.pollOnce();
      await h.app.deliverDue();
      if (latencyMs < 0 && port().length > 0) {
        passMs = performance.now() - started;
        latencyMs = h.clock.now() - first;
      }
    }
    const sends = h.fake
      .callsOf('sendMessage')
      .filter((c) => String(c.params.text).includes('Valdoria')).length;
    const text = port()[0]?.text ?? '';
    const named = OUTLETS.filter((name) => text.includes(name)).length;
    return { latencyMs, passMs, posts: sends, edits: port()[0]?.edits ?? 0, named };
  } finally {
    await h.stop();
    await outlets.close();
  }
}

const rows = [];
for (const offset of [0, 4 * 60_000, 9 * 60_000, 14 * 60_000]) rows.push(await round(offset));
console.log('first item → live message (scheduler clock), per round:');
for (const r of rows) {
  console.log(
    `  ${(r.latencyMs / 1000).toFixed(0).padStart(4)} s  (limit ${(POLL_MS + 30_000) / 1000} s)   pass ${r.passMs.toFixed(0)} ms wall   messages ${r.posts}, edits ${r.edits}, ${r.named} of ${OUTLETS.length} outlets named`,
  );
}
const worst = Math.max(...rows.map((r) => r.latencyMs));
console.log(
  `worst latency ${(worst / 1000).toFixed(0)} s; messages per story ${Math.max(...rows.map((r) => r.posts))}`,
);
