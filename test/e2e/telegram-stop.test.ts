import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startFakeTelegram } from '../fakes/telegram-server.js';
import { testConfig } from '../helpers/config.js';
import { startTelegramHarness } from './telegram-harness.js';
import { plainStories, seedTelegramStories } from './telegram-seed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
const CHAT = 4001;
const config = { digest: { ...testConfig().digest, maxStories: 50 } };

it('a clean stop while a digest part is on its way records it: after a restart nothing repeats and nothing is lost', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-stop-'));
  const storePath = path.join(dir, 'gazette.db');
  const fake = await startFakeTelegram();
  try {
    const first = await startTelegramHarness({ start: T0, config, fake, storePath });
    await seedTelegramStories(first.app.store, String(CHAT), plainStories(30, 'Stop'), first.clock.now());
    // Each send takes Telegram 1.5 s to answer: the stop comes while one is on its way.
    fake.latencyMs = 1500;
    const address = { platform: 'telegram', chatId: String(CHAT), threadId: '' } as const;
    const { digestId } = await first.app.services.digestNow(address, null, first.clock.now());
    expect(digestId).not.toBeNull();
    const delivering = first.app.deliverDue();
    await fake.waitFor(() => fake.callsOf('sendMessage').length >= 1);
    await first.stop();
    await delivering;
    const beforeRestart = fake.sentTo(CHAT).length;
    expect(beforeRestart).toBeGreaterThanOrEqual(1);
    fake.latencyMs = 0;

    const second = await startTelegramHarness({ start: T0 + 60_000, config, fake, storePath });
    await second.app.deliverDue();
    await second.stop();
    const texts = fake.sentTo(CHAT).map((m) => m.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (let i = 0; i < 30; i++) expect(texts.join('\n')).toContain(`Stop ${i} `);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
