import type { APIAttachment } from 'discord-api-types/v10';
import type { Subscription } from '../../src/core/types.js';
import type { Store } from '../../src/store/store.js';
import { commandInteraction, perms, snowflake, user, type Actor } from '../fakes/discord-payloads.js';
import { until, type FakeDiscord, type InteractionRecord } from '../fakes/discord-server.js';
import { fileAsStory, item } from './seed.js';

/** Someone in a channel of the fake guild; managers have Manage Channels. */
export function actor(fake: FakeDiscord, channel: number, role: 'member' | 'manager' = 'manager'): Actor {
  const target = fake.guild.channels[channel];
  if (!target) throw new Error(`no channel ${channel}`);
  return {
    guildId: fake.guild.id,
    channel: target,
    user: user('200000000000000001', 'ann'),
    permissions: perms[role],
  };
}

/** True once the bot answered for good: a reply, choices, an edit, or a private follow-up. */
export function settled(record: InteractionRecord): boolean {
  const kinds = record.responses.map((r) => r.kind);
  const final = record.responses.some((r) => r.kind === 'callback' && (r.type === 4 || r.type === 8));
  return final || kinds.includes('edit') || (kinds.includes('delete') && kinds.includes('followup'));
}

/** What the user saw of an answer. */
export interface Answer {
  readonly record: InteractionRecord;
  /** Every message's content, joined by newlines. */
  readonly text: string;
  readonly ephemeral: boolean;
  readonly deferred: boolean;
  /** Milliseconds from the interaction to its first response. */
  readonly ackMs: number;
}

/** Summarises the responses recorded for an interaction. */
export function answerOf(record: InteractionRecord): Answer {
  const messages = record.responses.filter((r) => r.kind !== 'delete' && r.type !== 5 && r.type !== 6);
  const first = record.responses[0];
  const last = messages.at(-1);
  return {
    record,
    text: messages.map((r) => r.data.content ?? '').join('\n'),
    ephemeral:
      ((last?.data.flags ?? 0) & 64) === 64 ||
      record.responses.some((r) => r.type === 5 && ((r.data.flags ?? 0) & 64) === 64),
    deferred: record.responses.some((r) => r.type === 5 || r.type === 6),
    ackMs: first ? first.at - record.sentAt : Number.POSITIVE_INFINITY,
  };
}

/** Runs a slash command as `who` and waits for the answer. */
export async function run(
  fake: FakeDiscord,
  who: Actor,
  name: string,
  options: Record<string, string> = {},
  attachments?: Record<string, APIAttachment>,
): Promise<Answer> {
  const record = fake.interact(commandInteraction(who, name, options, attachments ? { attachments } : {}));
  await until(() => settled(record), 30_000, `an answer to /${name}`);
  return answerOf(record);
}

/** Asks for suggestions while `focused` is typed; returns the suggested values. */
export async function suggest(
  fake: FakeDiscord,
  who: Actor,
  name: string,
  options: Record<string, string>,
  focused: string,
): Promise<{ name: string; value: string }[]> {
  const record = fake.interact(commandInteraction(who, name, options, { focused }));
  await until(() => settled(record), 30_000, `suggestions for /${name}`);
  const data = record.responses[0]?.data as { choices?: { name: string; value: string }[] } | undefined;
  return data?.choices ?? [];
}

/** An attachment as an interaction carries it, served by the fake. */
export function attachment(fake: FakeDiscord, name: string, content: string): APIAttachment {
  fake.files.set(name, content);
  const url = `${fake.base}/attachments/${encodeURIComponent(name)}`;
  return {
    id: snowflake(),
    filename: name,
    size: Buffer.byteLength(content),
    url,
    proxy_url: url,
    content_type: 'text/x-opml',
  };
}

/** A story to seed: its lead item's headline and summary, and the outlets that told it. */
export interface SeedStory {
  readonly headline: string;
  readonly summary: string;
  readonly url?: string;
  readonly topics?: readonly string[];
  readonly sources?: readonly { name: string; url: string }[];
}

/**
 * A Discord channel's subscription with the given stories condensed and waiting, as if its feeds
 * had been polled; its digest is due at `nextDigestAt` (by default `now`).
 */
export async function seedChannel(
  store: Store,
  channelId: string,
  stories: readonly SeedStory[],
  now: number,
  nextDigestAt: number | null = now,
): Promise<Subscription> {
  const subscription = await store.subscriptions.ensure(
    {
      platform: 'discord',
      chatId: channelId,
      threadId: '',
      schedule: '0 8 * * *',
      timezone: 'UTC',
      nextDigestAt,
    },
    now,
  );
  for (const [i, story] of stories.entries()) {
    const sources = story.sources ?? [
      { name: 'Example Feed', url: story.url ?? `https://example.org/${channelId}/${i}` },
    ];
    let storyId: number | null = null;
    for (const [j, source] of sources.entries()) {
      const feed = await store.feeds.upsert(
        { url: `https://feeds.example/${channelId}/${j}.xml`, title: source.name },
        now,
      );
      await store.subscriptions.addFeed(subscription.id, feed.id, 0, now);
      const key = `${channelId}-${i}-${j}-${story.headline.slice(0, 40)}`;
      const saved = await store.items.save(
        feed.id,
        [
          item(key, {
            url: source.url,
            title: story.headline,
            text: story.summary,
            publishedAt: now - (stories.length - i) * 60_000,
          }),
        ],
        now,
        1_000,
      );
      const stored = saved.inserted[0];
      if (!stored) throw new Error('item not saved');
      const topics = [...(story.topics ?? ['world'])];
      storyId = await fileAsStory(
        store,
        stored,
        { headline: story.headline, summary: story.summary, url: story.url ?? source.url, topics },
        now,
        storyId,
      );
    }
  }
  return subscription;
}
