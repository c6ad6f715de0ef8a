/**
 * Discord adapter under load, through the real discord.js against the fake Discord on 127.0.0.1:
 * 1. round-trip of `/digest` for 50 concurrent interactions (gateway event → interaction answer);
 * 2. one digest to 1,000 channels while the fake enforces Discord's 50 requests/second global
 *    limit (floor: 20 s), counting the 429s Gazette caused.
 * Run: `npm run bench -- discord` (or `npx tsx bench/discord.ts`). Prints numbers; never fails.
 */
import os from 'node:os';
import { commandInteraction } from '../test/fakes/discord-payloads.js';
import { startFakeDiscord, until, type FakeDiscord } from '../test/fakes/discord-server.js';
import { actor, answerOf, seedChannel, settled, type SeedStory } from '../test/helpers/discord-actions.js';
import { startDiscordApp, type DiscordHarness } from '../test/helpers/discord-app.js';

const START = Date.UTC(2026, 10, 28, 17, 0);
const digest = { maxStories: 10, maxAgeHours: 48, newFeedItems: 3 };

const story = (channel: number, i: number): SeedStory => ({
  headline: `Channel ${channel} story ${i}: council agrees budget after long talks`,
  summary:
    'The council agreed the budget on Tuesday after three days of talks, the mayor said. Spending on transport rises by a tenth. The opposition voted against.',
  topics: i % 2 === 0 ? ['politics'] : ['business'],
});

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function digestRound(fake: FakeDiscord, harness: DiscordHarness, round: number): Promise<number[]> {
  for (let c = 0; c < fake.guild.channels.length; c++) {
    const stories = [0, 1, 2].map((i) => story(c, round * 10 + i));
    // Due tomorrow: only `/digest` composes these.
    await seedChannel(
      harness.app.store,
      fake.guild.channels[c]?.id ?? '',
      stories,
      harness.clock.now(),
      START + 86_400_000,
    );
  }
  // A digest is keyed by its slot (the request time): each round asks at a new instant.
  harness.clock.advance(1_000);
  const sent = fake.messages.length;
  const records = fake.guild.channels.map((_, i) =>
    fake.interact(commandInteraction(actor(fake, i), 'digest', {})),
  );
  await until(() => records.every(settled), 30_000, 'every answer');
  const ok = records.filter((r) => answerOf(r).text.startsWith('Here is your digest')).length;
  await until(() => fake.messages.length >= sent + records.length, 30_000, 'the digests');
  console.log(
    `  round ${round + 1}: ${ok}/${records.length} answered "Here is your digest…", ${fake.messages.length - sent} digests posted`,
  );
  return records.map((r) => answerOf(r).ackMs).sort((a, b) => a - b);
}

const summary = (times: readonly number[]): string =>
  `p50 ${percentile(times, 50).toFixed(1)} ms · p99 ${percentile(times, 99).toFixed(1)} ms · max ${(times.at(-1) ?? 0).toFixed(1)} ms`;

async function roundTrips(fake: FakeDiscord): Promise<void> {
  const harness = await startDiscordApp(fake, { start: START, config: { digest } });
  try {
    const cold = await digestRound(fake, harness, 0);
    const warm: number[] = [];
    for (let round = 1; round <= 3; round++) warm.push(...(await digestRound(fake, harness, round)));
    console.log(`  cold (first round, code not yet compiled): ${summary(cold)}`);
    console.log(
      `  warm (rounds 2–4, ${warm.length} interactions): ${summary(warm.sort((a, b) => a - b))} (goal: p99 < 300 ms)`,
    );
  } finally {
    await harness.stop();
  }
}

async function fanOut(fake: FakeDiscord): Promise<{ totalMs: number; spanMs: number; sent: number }> {
  const harness = await startDiscordApp(fake, { start: START, config: { digest } });
  try {
    for (let c = 0; c < fake.guild.channels.length; c++) {
      await seedChannel(
        harness.app.store,
        fake.guild.channels[c]?.id ?? '',
        [story(c, 0), story(c, 1)],
        START,
      );
    }
    const before = fake.requests.length;
    const started = performance.now();
    await harness.app.deliverDue();
    await until(() => fake.messages.length >= fake.guild.channels.length, 120_000, 'every channel');
    const totalMs = performance.now() - started;
    const posts = fake.requests.slice(before).filter((r) => r.method === 'POST');
    const spanMs = (posts.at(-1)?.at ?? 0) - (posts[0]?.at ?? 0);
    return { totalMs, spanMs, sent: fake.messages.length };
  } finally {
    await harness.stop();
  }
}

async function main(): Promise<void> {
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );

  const interactive = await startFakeDiscord({ channels: 50 });
  try {
    console.log('\n/digest round trip, 50 concurrent interactions (gateway dispatch → interaction callback)');
    await roundTrips(interactive);
  } finally {
    await interactive.close();
  }

  const limited = await startFakeDiscord({ channels: 1_000, globalLimit: 50 });
  try {
    console.log('\none digest to 1,000 channels, fake enforcing 50 requests per sliding second');
    const { totalMs, spanMs, sent } = await fanOut(limited);
    const floor = 20_000;
    console.log(
      `  messages: ${sent} · first to last request: ${(spanMs / 1000).toFixed(2)} s · compose + deliver: ${(totalMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `  ${(totalMs / floor).toFixed(3)}× the 20 s floor (goal ≤ 1.25×) · 429s from the global limit: ${limited.globalLimited}`,
    );
  } finally {
    await limited.close();
  }
}

await main();
