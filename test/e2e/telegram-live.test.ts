import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/config.js';
import { checkTelegramHtml } from '../fakes/telegram-html-check.js';
import type { SentMessage } from '../fakes/telegram-fake-state.js';
import { message, privateChat, user } from '../fakes/telegram-updates.js';
import { OUTLETS, startLiveOutlets, type LiveOutlets } from './live-outlets.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const TICK_MS = 30_000;
const POLL_INTERVAL_MS = testConfig().polling.intervalMinutes * 60_000;
const reader = user(701, 'Lin');
const chat = privateChat(reader);
let outlets: LiveOutlets;
let h: TelegramHarness;

const visible = (m: SentMessage): string => {
  const check = checkTelegramHtml(m.text);
  if (!check.ok) throw new Error(check.error);
  return check.text;
};
const portMessages = (): SentMessage[] => h.fake.sentTo(chat.id).filter((m) => m.text.includes('Valdoria'));
const say = async (text: string): Promise<string> => {
  const [answer] = await h.exchange(message(chat, text, { from: reader }), chat.id);
  return answer === undefined ? '' : visible(answer);
};
/** One poll tick as the scheduler runs it: due feeds polled and condensed, then delivery. */
const tick = async (): Promise<void> => {
  h.clock.advance(TICK_MS);
  await h.app.pollOnce();
  await h.app.deliverDue();
};

beforeEach(async () => {
  outlets = await startLiveOutlets();
  OUTLETS.forEach((_, i) => {
    outlets.other(
      i,
      T0 - 3_600_000,
      `Local council ${i} approves new library budget`,
      `The council of district ${i} approved the library budget on Monday after a long debate, officials said. Work starts next year.`,
    );
  });
  h = await startTelegramHarness({
    start: T0,
    config: { extraction: { ...testConfig().extraction, minWords: 0 } },
  });
  // Followed half a minute apart, the feeds fall due on different ticks, as real feeds do.
  for (const url of outlets.urls) {
    expect(await say(`/subscribe ${url}`)).toContain('Now following');
    h.clock.advance(TICK_MS);
  }
});

afterEach(async () => {
  await h.stop();
  await outlets.close();
});

describe('live stories on Telegram', () => {
  it('posts a story within one poll interval and 30 s of its first item, and ten outlets give one message, edited', async () => {
    h.clock.advance(60_000);
    expect(await say('/schedule live')).toContain('Live: each new story is posted here');
    expect(await say('/feeds')).toContain('Live: each new story is posted as it comes.');
    const sentBefore = h.fake.sentTo(chat.id).length;

    const first = h.clock.now();
    outlets.tell(0, first);
    while (portMessages().length === 0 && h.clock.now() - first <= 2 * POLL_INTERVAL_MS) await tick();
    const latency = h.clock.now() - first;
    expect(latency).toBeLessThanOrEqual(POLL_INTERVAL_MS + 30_000);
    // Nothing from before live mode was switched on: only the story.
    expect(h.fake.sentTo(chat.id).length).toBe(sentBefore + 1);
    expect(visible(portMessages()[0] ?? ({} as SentMessage))).toContain('Sources: Harbour Times');

    // The nine others report it within the same minute.
    for (let i = 1; i < OUTLETS.length; i++) outlets.tell(i, first + i * 6_000);
    for (let t = 0; t < POLL_INTERVAL_MS / TICK_MS + 2; t++) await tick();

    const port = portMessages();
    expect(port).toHaveLength(1);
    expect(
      h.fake.callsOf('sendMessage').filter((c) => String(c.params.text).includes('Valdoria')),
    ).toHaveLength(1);
    const edited = port[0];
    expect(edited?.edits ?? 0).toBeGreaterThanOrEqual(1);
    const text = visible(edited ?? ({} as SentMessage));
    for (const name of OUTLETS) expect(text).toContain(name);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(edited?.keyboard.flat().map((k) => k.text)).toContain('Mute World');
  });

  it('leaves out a muted story, and refuses bad arguments without changing anything', async () => {
    const sub = () =>
      h.app.store.subscriptions.find({ platform: 'telegram', chatId: String(chat.id), threadId: '' });
    for (const bad of [
      ['/schedule live now', '"live" takes nothing after it'],
      ['/schedule breaking 1 30m', 'is not a number of outlets'],
      ['/schedule breaking 500 30m', 'is not a number of outlets'],
      ['/schedule breaking -3 30m', 'is not a number of outlets'],
      ['/schedule breaking 5 soon', 'is not a time window'],
      ['/schedule breaking 5 30s', 'is not a time window'],
      ['/schedule breaking 5 3d', 'is not a time window'],
      ['/schedule breaking 5', 'takes a number of outlets and a time window'],
      [`/schedule breaking 5 ${'9'.repeat(10_000)}m`, 'too long'],
      ['/schedule breaking 5 99999999999999999999m', 'is not a time window'],
    ] as const) {
      const answer = await say(bad[0]);
      expect(answer, bad[0].slice(0, 40)).toContain(bad[1]);
      expect(answer.length).toBeLessThan(400);
    }
    expect(await sub()).toMatchObject({ liveSince: null, breaking: null });

    expect(await say('/mute world')).toContain('Muted');
    h.clock.advance(60_000);
    await say('/schedule live');
    outlets.tell(0, h.clock.now());
    for (let t = 0; t < POLL_INTERVAL_MS / TICK_MS + 2; t++) await tick();
    expect(portMessages()).toHaveLength(0);
  });

  it('posts a breaking story at once in digest mode, and the next digest tells only how it grew', async () => {
    expect(await say('/schedule breaking 3 10m')).toContain(
      'Breaking lane on: a story that 3 outlets report within 10 minutes',
    );
    const first = h.clock.now();
    outlets.tell(0, first);
    outlets.tell(1, first + 60_000);
    for (let t = 0; t < POLL_INTERVAL_MS / TICK_MS + 2; t++) await tick();
    expect(portMessages()).toHaveLength(0);

    outlets.tell(2, first + 5 * 60_000);
    while (portMessages().length === 0 && h.clock.now() - first <= 3 * POLL_INTERVAL_MS) await tick();
    const [breaking] = portMessages();
    expect(visible(breaking ?? ({} as SentMessage))).toMatch(/^Breaking\n/);

    outlets.tell(3, h.clock.now());
    outlets.tell(4, h.clock.now());
    for (let t = 0; t < POLL_INTERVAL_MS / TICK_MS + 2; t++) await tick();
    // In digest mode growth waits for the digest: no edit, no second post.
    expect(portMessages()).toHaveLength(1);
    expect(portMessages()[0]?.edits ?? 0).toBe(0);

    const digest = await say('/digest');
    expect(digest).toContain('updated: +2 outlets');
    // The card runs from its headline to the blank line before the next story.
    const card = digest.slice(digest.indexOf('Valdoria')).split('\n\n')[0] ?? '';
    expect(card).toContain('Sources: Coastal Herald · Capital Ledger');
    expect(card).not.toContain('Harbour Times');
    const again = await say('/digest');
    expect(again).not.toContain('Valdoria');
  });
  it('leaves a live post someone deleted as it is: one refused edit, no failure notice, no other edit', async () => {
    h.clock.advance(60_000);
    await say('/schedule live');
    const first = h.clock.now();
    outlets.tell(0, first);
    while (portMessages().length === 0 && h.clock.now() - first <= 2 * POLL_INTERVAL_MS) await tick();
    expect(portMessages()).toHaveLength(1);
    // The reader deletes the post: Telegram refuses to edit a message it no longer has.
    h.fake.sent.splice(
      h.fake.sent.findIndex((m) => m.text.includes('Valdoria')),
      1,
    );
    const before = h.fake.sentTo(chat.id).length;
    for (let i = 1; i < 3; i++) outlets.tell(i, first + i * 6_000);
    for (let t = 0; t < POLL_INTERVAL_MS / TICK_MS + 2; t++) await tick();
    for (let i = 3; i < 5; i++) outlets.tell(i, h.clock.now());
    for (let t = 0; t < POLL_INTERVAL_MS / TICK_MS + 2; t++) await tick();
    expect(h.fake.callsOf('editMessageText')).toHaveLength(1);
    expect(h.fake.sentTo(chat.id).slice(before)).toEqual([]);
  });
});
