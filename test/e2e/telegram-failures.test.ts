import { afterEach, describe, expect, it } from 'vitest';
import type { ChatAddress } from '../../src/core/types.js';
import { testConfig } from '../helpers/config.js';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.js';
import { plainStories, seedTelegramStories } from './telegram-seed.js';

const CHAT = 424242;
const address: ChatAddress = { platform: 'telegram', chatId: String(CHAT), threadId: '' };
const config = { digest: { ...testConfig().digest, maxStories: 50 } };

let h: TelegramHarness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

/** Queues a digest of `count` stories for the chat and runs one delivery pass. */
async function digestOf(harness: TelegramHarness, count: number, prefix: string, now: number): Promise<void> {
  await seedTelegramStories(harness.app.store, String(CHAT), plainStories(count, prefix), now);
  await harness.app.services.digestNow(address, null, now);
  await harness.app.deliverDue();
}

describe('telegram delivery failures, through real telegraf and the fake Bot API', () => {
  it('sends a part again at the time a 429 asked for, not at the next minute tick', async () => {
    h = await startTelegramHarness({ clock: 'system', config });
    const fake = h.fake;
    fake.failNext(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } },
      { chatId: CHAT },
    );
    await digestOf(h, 2, 'Retry', Date.now());
    const refusedAt = fake.callsOf('sendMessage')[0]?.at ?? 0;
    expect(fake.sentTo(CHAT)).toHaveLength(0);
    // Nothing but the wake-up timer runs delivery here: no deliverDue, no scheduler tick started.
    await fake.waitFor(() => fake.sentTo(CHAT).length === 1, 15_000);
    const delay = (fake.sentTo(CHAT)[0]?.at ?? 0) - refusedAt;
    expect(delay).toBeGreaterThanOrEqual(1_900);
    expect(delay).toBeLessThan(15_000);
  });

  it('gives the stories of a refused part back to the next digest and tells the chat once', async () => {
    h = await startTelegramHarness({ config });
    const fake = h.fake;
    const now = h.clock.now();
    await seedTelegramStories(h.app.store, String(CHAT), plainStories(30, 'First'), now);
    await h.app.services.digestNow(address, null, now);
    // The second message of the digest is refused as Telegram refuses broken markup.
    fake.failNext(
      'sendMessage',
      { error_code: 400, description: "Bad Request: can't parse entities: unexpected end tag" },
      { chatId: CHAT, skip: 1 },
    );
    await h.app.deliverDue();
    // The notice goes out beside the delivery run, not within it.
    await fake.waitFor(() => fake.sentTo(CHAT).length >= 2);
    const sent = fake.sentTo(CHAT).map((m) => m.text);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain("can't parse entities");
    expect(sent[1]).toMatch(/\d+ stories come again in the next digest/);
    const shownFirst = (sent[0]?.match(/First \d+ makes the news/g) ?? []).length;
    expect(shownFirst).toBeGreaterThan(0);

    h.clock.advance(60_000);
    await h.app.services.digestNow(address, null, h.clock.now());
    await h.app.deliverDue();
    const again = fake
      .sentTo(CHAT)
      .slice(2)
      .map((m) => m.text)
      .join('\n');
    const returned = new Set(again.match(/First \d+ makes the news/g) ?? []);
    expect(returned.size).toBe(30 - shownFirst);
    // One notice only, although later parts failed with it.
    expect(fake.sentTo(CHAT).filter((m) => m.text.includes('could not be delivered'))).toHaveLength(1);
  });

  it('pauses Telegram delivery on a 401 without spending any part’s attempts', async () => {
    h = await startTelegramHarness({ config });
    const fake = h.fake;
    fake.failNext('sendMessage', { error_code: 401, description: 'Unauthorized' }, { times: 3 });
    await digestOf(h, 2, 'Paused', h.clock.now());
    await h.app.deliverDue();
    expect(fake.callsOf('sendMessage')).toHaveLength(1);
    const [part] = await h.app.store.outbox.pending(Number.MAX_SAFE_INTEGER, 10);
    expect(part).toMatchObject({ attempts: 0, state: 'pending' });
    expect(fake.sentTo(CHAT)).toHaveLength(0);
  });
});
