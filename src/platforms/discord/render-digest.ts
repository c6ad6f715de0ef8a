import { describeLeftOut } from '../../digest/left-out.js';
import { createHash } from 'node:crypto';
import type { APIEmbed } from 'discord.js';
import { formatDay } from '../../core/time-format.js';
import type { Digest, DigestEntry, RenderedPart, Topic } from '../../core/types.js';
import { muteControls, type ActionRow } from './components.js';
import { embedSize, limits } from './limits.js';
import { clip, escapeText, maskedLink, oneLine, safeUrl } from './markdown.js';

/** What a digest part holds: a channel message body, stored in the outbox as JSON. */
export interface DiscordMessagePayload {
  readonly content: string;
  readonly embeds: readonly APIEmbed[];
  readonly components: readonly ActionRow[];
  /** Lets Discord drop a second copy of this part (`enforce_nonce`). */
  readonly nonce: string;
  /** The only mentions the part may make: the roles the chat set for the topics it shows. */
  readonly allowed_mentions: { parse: never[]; roles: string[] };
  /** Not sent: the title of the post when the channel is a forum. */
  readonly postTitle: string;
  /** Not sent: the digest the part belongs to, so its later parts join the same forum post. */
  readonly digestKey: string;
}

/** Longest forum post title Discord accepts. */
const POST_TITLE_MAX = 100;

const ACCENT = 0x3b82f6;
const SOURCES = 'Sources';
/** Footers do not render markdown, so plain labels; bounded well below Discord's 2,048. */
const FOOTER_MAX = 256;

/**
 * The nonce of one part: the part is identified by its subscription, slot and position, which the
 * outbox keys digests by, so a re-send after a crash carries the same nonce as the first try.
 */
export function partNonce(subscriptionId: number, slot: number, seq: number): string {
  const hash = createHash('sha256').update(`gazette:${subscriptionId}:${slot}:${seq}`).digest('base64url');
  return `g${hash}`.slice(0, limits.nonce);
}

function sourcesValue(sources: DigestEntry['sources']): string {
  const links = sources.map((s) => {
    const name = clip(oneLine(s.name), 100);
    const link = maskedLink(name, s.url);
    // A link longer than a field would crowd out every other outlet: name the outlet instead.
    return link.length <= 300 ? link : escapeText(name);
  });
  let value = '';
  for (const [i, link] of links.entries()) {
    const next = value === '' ? link : `${value} · ${link}`;
    const more = ` · and ${links.length - i - 1} more`;
    if (next.length + (i < links.length - 1 ? more.length : 0) > limits.fieldValue) {
      return `${value} · and ${links.length - i} more`;
    }
    value = next;
  }
  return value === '' ? 'unknown' : value;
}

/** `updated: +3 outlets` for a story that grew since the chat saw it; null for a new one. */
export function updateLabel(entry: DigestEntry): string | null {
  const added = entry.addedOutlets;
  if (added === undefined) return null;
  return `updated: +${added} outlet${added === 1 ? '' : 's'}`;
}

/** One story as an embed that alone stays within every limit; only a huge story is truncated. */
export function storyEmbed(entry: DigestEntry): APIEmbed {
  const main = entry.topics[0];
  const author = main ? clip(oneLine(`${main.emoji} ${main.label}`), limits.author) : null;
  const title = clip(escapeText(entry.headline) || 'Untitled story', limits.title);
  const sources = sourcesValue(entry.sources);
  const count = `${entry.sources.length} source${entry.sources.length === 1 ? '' : 's'}`;
  const footer = clip(oneLine([...entry.topics.map((t) => t.label), count].join(' · ')), FOOTER_MAX);
  const label = updateLabel(entry) ?? SOURCES;
  const rest = title.length + (author?.length ?? 0) + label.length + sources.length + footer.length;
  const summary = escapeText(entry.summary);
  const description = clip(summary, Math.min(limits.description, limits.embedTotal - rest));
  const url = safeUrl(entry.url);
  const picture = safeUrl(entry.imageUrl);
  return {
    title,
    ...(url === null ? {} : { url }),
    ...(description === '' ? {} : { description }),
    ...(author === null ? {} : { author: { name: author } }),
    color: ACCENT,
    // A story the chat saw before says how it grew, above the outlets that joined since.
    fields: [{ name: label, value: sources }],
    footer: { text: footer },
    timestamp: new Date(entry.publishedAt).toISOString(),
    // Discord's media proxy fetches it by URL: the picture was checked before the digest was stored.
    ...(picture === null ? {} : { thumbnail: { url: picture } }),
  };
}

/** Roles to mention in a part: those set for a main topic of a story the part shows. */
function rolesFor(entries: readonly DigestEntry[], pings: Digest['pings']): string[] {
  const topics = new Set(entries.flatMap((entry) => entry.mainTopics.map((topic) => topic.id)));
  return [...new Set(pings.filter((ping) => topics.has(ping.topic)).map((ping) => ping.roleId))];
}

/** `Evening digest · Sat 28 Nov · 8 stories from 5 feeds · muted: sport`. */
export function digestHeader(digest: Digest): string {
  const stories = `${digest.entries.length} ${digest.entries.length === 1 ? 'story' : 'stories'}`;
  const feeds = `${digest.feedCount} feed${digest.feedCount === 1 ? '' : 's'}`;
  const muted =
    digest.mutedApplied.length > 0
      ? ` · muted: ${digest.mutedApplied.map((m) => escapeText(m)).join(', ')}`
      : '';
  const day = formatDay(digest.slot, digest.timeZone);
  return clip(`**${escapeText(digest.title)}** · ${day} · ${stories} from ${feeds}${muted}`, 1500);
}

function topicsOf(entries: readonly DigestEntry[]): Topic[] {
  const byId = new Map<string, Topic>();
  for (const entry of entries) for (const topic of entry.topics) byId.set(topic.id, topic);
  return [...byId.values()];
}

/**
 * Groups story embeds into messages of at most 10 embeds and 6,000 characters; a live post gives
 * each story a message of its own, which a later outlet edits.
 */
function group(
  entries: readonly DigestEntry[],
  perMessage: number,
): { entries: DigestEntry[]; embeds: APIEmbed[] }[] {
  const messages: { entries: DigestEntry[]; embeds: APIEmbed[]; size: number }[] = [];
  for (const entry of entries) {
    const embed = storyEmbed(entry);
    const size = embedSize(embed);
    const last = messages.at(-1);
    if (last && last.embeds.length < perMessage && last.size + size <= limits.embedTotal) {
      last.entries.push(entry);
      last.embeds.push(embed);
      last.size += size;
    } else {
      messages.push({ entries: [entry], embeds: [embed], size });
    }
  }
  return messages;
}

/**
 * Renders a digest as channel messages: a header line, one embed per story, split between
 * stories, with buttons under each message to mute the topics it shows.
 */
export function renderDiscordDigest(digest: Digest): RenderedPart[] {
  const live = digest.kind !== undefined;
  // A live post needs no digest header; breaking news says so.
  const header = !live ? digestHeader(digest) : digest.kind === 'breaking' ? '**Breaking**' : '';
  const messages = group(digest.entries, live ? 1 : limits.embedsPerMessage);
  const omitted =
    digest.omitted > 0
      ? `… and ${digest.omitted} more ${digest.omitted === 1 ? 'story' : 'stories'} not shown.`
      : '';
  const leftOut = describeLeftOut(digest.leftOut);
  return messages.map((message, i) => {
    const roles = rolesFor(message.entries, digest.pings);
    const lines = [i === 0 || live ? header : `${header} · part ${i + 1} of ${messages.length}`];
    if (roles.length > 0) lines.push(roles.map((id) => `<@&${id}>`).join(' '));
    if (i === messages.length - 1 && omitted !== '') lines.push(omitted);
    if (i === messages.length - 1 && leftOut !== null) lines.push(`-# Left out: ${escapeText(leftOut)}`);
    const payload: DiscordMessagePayload = {
      content: clip(lines.join('\n'), limits.content),
      embeds: message.embeds,
      components: muteControls(topicsOf(message.entries)),
      nonce: partNonce(digest.subscriptionId, digest.slot, i),
      allowed_mentions: { parse: [], roles },
      // A later part opens a post only when the first one's is unknown (after a restart).
      postTitle: clip(
        oneLine(
          `${digest.title} · ${formatDay(digest.slot, digest.timeZone)}${i === 0 ? '' : ` · part ${i + 1}`}`,
        ),
        POST_TITLE_MAX,
      ),
      digestKey: `${digest.subscriptionId}:${digest.slot}`,
    };
    return { payload: JSON.stringify(payload), storyIds: message.entries.map((entry) => entry.storyId) };
  });
}
