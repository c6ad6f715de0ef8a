import { describeLeftOut } from '../../digest/left-out.js';
import { formatDay } from '../../core/time-format.js';
import type { Digest, DigestEntry, RenderedPart, Topic } from '../../core/types.js';
import { clip, el, link, renderHtml, type HtmlNode } from './html.js';
import { muteKeyboard } from './keyboard.js';
import { encodePayload } from './payload.js';
import { MESSAGE_LIMIT, packOwnedBlocks } from './split-html.js';

/** How digests look on Telegram. */
export interface DigestRenderOptions {
  /** Telegram's preview of the first link; off keeps a digest compact. */
  readonly linkPreviews: boolean;
  /** Visible characters per message; Telegram's limit unless a test says otherwise. */
  readonly limit?: number;
}

// A feed can put anything in a title; these keep one story readable without hiding the news.
const MAX_HEADLINE = 512;
const MAX_SOURCE_NAME = 100;
const MAX_SUMMARY = 3000;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function header(digest: Digest): HtmlNode[] {
  const parts = [
    formatDay(digest.slot, digest.timeZone),
    `${plural(digest.entries.length, 'story', 'stories')} from ${plural(digest.feedCount, 'feed', 'feeds')}`,
  ];
  if (digest.mutedApplied.length > 0) parts.push(`muted: ${digest.mutedApplied.join(', ')}`);
  return [el('b', digest.title), ` · ${parts.join(' · ')}`];
}

function storyBlock(entry: DigestEntry): HtmlNode[] {
  const emoji = entry.topics[0]?.emoji ?? '';
  const headline = clip(entry.headline.trim() || '(untitled)', MAX_HEADLINE);
  const nodes: HtmlNode[] = [];
  if (emoji !== '') nodes.push(`${emoji} `);
  nodes.push(el('b', ...link(entry.url, headline)));
  if (entry.addedOutlets !== undefined) {
    nodes.push('\n', el('i', `updated: +${plural(entry.addedOutlets, 'outlet', 'outlets')}`));
  }
  const summary = clip(entry.summary.trim(), MAX_SUMMARY);
  if (summary !== '') nodes.push(`\n${summary}`);
  if (entry.sources.length > 0) {
    nodes.push('\nSources: ');
    entry.sources.forEach((source, i) => {
      if (i > 0) nodes.push(' · ');
      nodes.push(...link(source.url, clip(source.name.trim() || 'source', MAX_SOURCE_NAME)));
    });
  }
  return nodes;
}

/** Main topics of a digest's stories, most frequent first: what a mute key would remove. */
export function digestTopics(digest: Digest): Topic[] {
  const counts = new Map<string, { topic: Topic; count: number }>();
  for (const entry of digest.entries) {
    for (const topic of entry.mainTopics) {
      const seen = counts.get(topic.id);
      counts.set(topic.id, { topic, count: (seen?.count ?? 0) + 1 });
    }
  }
  // Map order is first appearance; a stable sort keeps it among equals.
  return [...counts.values()].sort((a, b) => b.count - a.count).map((c) => c.topic);
}

/** Longest picture address offered as a preview; feed pictures are cut to this when read. */
const MAX_PICTURE_URL = 2048;

/**
 * Renders a digest as HTML messages: a header, one block per story, split between stories at
 * Telegram's limit, with mute keys for the digest's topics under the last message.
 */
export function renderTelegramDigest(digest: Digest, options: DigestRenderOptions): RenderedPart[] {
  if (digest.kind !== undefined) return renderLive(digest, options);
  const blocks = [header(digest), ...digest.entries.map(storyBlock)];
  if (digest.omitted > 0) {
    blocks.push([el('i', `… and ${plural(digest.omitted, 'more story', 'more stories')}.`)]);
  }
  const leftOut = describeLeftOut(digest.leftOut);
  if (leftOut !== null) blocks.push([el('i', `Left out: ${leftOut}`)]);
  const messages = packOwnedBlocks(blocks, options.limit ?? MESSAGE_LIMIT);
  const keyboard = muteKeyboard(digestTopics(digest));
  // The top story is block 1; its picture, if it has a checked one, previews the message showing it.
  const top = digest.entries[0]?.imageUrl ?? null;
  const picture = top !== null && top.length <= MAX_PICTURE_URL && /^https?:\/\//iu.test(top) ? top : null;
  return messages.map((message, i) => ({
    payload: encodePayload({
      text: renderHtml(message.nodes),
      keyboard: i === messages.length - 1 ? keyboard : [],
      preview: options.linkPreviews,
      ...(picture !== null && message.blocks.includes(1) ? { picture } : {}),
    }),
    // Block 0 is the header; block i + 1 is entry i.
    storyIds: message.blocks.flatMap((block) => {
      const entry = digest.entries[block - 1];
      return entry === undefined ? [] : [entry.storyId];
    }),
  }));
}

/** A live post: each story a message of its own (a later outlet edits it), with its mute keys. */
function renderLive(digest: Digest, options: DigestRenderOptions): RenderedPart[] {
  const limit = options.limit ?? MESSAGE_LIMIT;
  return digest.entries.flatMap((entry) => {
    const lead: HtmlNode[] = digest.kind === 'breaking' ? [el('b', 'Breaking'), '\n'] : [];
    const messages = packOwnedBlocks([[...lead, ...storyBlock(entry)]], limit);
    const keyboard = muteKeyboard(entry.mainTopics);
    return messages.map((message, i) => ({
      payload: encodePayload({
        text: renderHtml(message.nodes),
        keyboard: i === messages.length - 1 ? keyboard : [],
        preview: options.linkPreviews,
      }),
      storyIds: i === 0 ? [entry.storyId] : [],
    }));
  });
}
