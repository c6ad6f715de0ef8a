import { describeLeftOut } from '../../digest/left-out.js';
import { withoutInvisibles } from '../../core/invisible.js';
import { lineText, type Reply } from '../../core/reply.js';
import { formatDay, formatWhen } from '../../core/time-format.js';
import type { Digest, DigestEntry, RenderedPart } from '../../core/types.js';

/** Keeps terminal output readable when the digest is long: a part holds at most this much. */
const PART_CHARS = 4000;

/** Removes control characters and escape sequences, so feed text cannot drive the terminal. */
export function terminalSafe(text: string): string {
  // Control characters are exactly what must go, so this pattern has to name them.
  // eslint-disable-next-line no-control-regex
  const escapes = /\u001b\[[0-?]*[ -/]*[@-~]/g;
  return withoutInvisibles(text.replace(escapes, ''));
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function renderEntry(entry: DigestEntry, digest: Digest): string {
  const emoji = entry.topics[0]?.emoji ?? '•';
  const headline = terminalSafe(entry.headline);
  const lines = [`${emoji} ${headline}`];
  const added = entry.addedOutlets;
  if (added !== undefined) lines.push(`   updated: +${added} outlet${added === 1 ? '' : 's'}`);
  if (entry.summary) lines.push(wrap(terminalSafe(entry.summary), 88, '   '));
  const sources = entry.sources.map((s) => terminalSafe(s.url ? `${s.name} <${s.url}>` : s.name));
  lines.push(`   Sources: ${sources.join(' · ')}`);
  const topics = entry.topics.map((t) => t.label).join(' · ');
  // A printed digest stays in the scrollback: an absolute time stays true, "3 h ago" does not.
  const when = formatWhen(entry.publishedAt, digest.timeZone, digest.slot);
  lines.push(`   ${[topics, when].filter(Boolean).join(' · ')}`);
  return lines.join('\n');
}

/** The digest's heading line. */
export function digestHeading(digest: Digest): string {
  const count = `${digest.entries.length} ${digest.entries.length === 1 ? 'story' : 'stories'}`;
  const feeds = `from ${digest.feedCount} feed${digest.feedCount === 1 ? '' : 's'}`;
  const muted = digest.mutedApplied.length > 0 ? ` · muted: ${digest.mutedApplied.join(', ')}` : '';
  return `${digest.title} · ${formatDay(digest.slot, digest.timeZone)} · ${count} ${feeds}${muted}`;
}

/** Renders a digest as plain text parts, split between stories. */
export function renderConsoleDigest(digest: Digest): RenderedPart[] {
  if (digest.kind !== undefined) {
    // A live post: a story a message, which a later outlet edits.
    const label = digest.kind === 'breaking' ? '━━ Breaking ━━\n' : '';
    return digest.entries.map((entry) => ({
      payload: JSON.stringify({ text: `${label}${renderEntry(entry, digest)}` }),
      storyIds: [entry.storyId],
    }));
  }
  const heading = `━━ ${digestHeading(digest)} ━━`;
  const parts: { text: string; storyIds: number[] }[] = [];
  let current = heading;
  let storyIds: number[] = [];
  for (const entry of digest.entries) {
    const block = renderEntry(entry, digest);
    if (current.length > 0 && current.length + block.length + 2 > PART_CHARS) {
      parts.push({ text: current, storyIds });
      current = '';
      storyIds = [];
    }
    current = current.length > 0 ? `${current}\n\n${block}` : block;
    storyIds.push(entry.storyId);
  }
  if (digest.omitted > 0)
    current += `\n\n… and ${digest.omitted} more ${digest.omitted === 1 ? 'story' : 'stories'}.`;
  const leftOut = describeLeftOut(digest.leftOut);
  if (leftOut !== null) current += `\n\nLeft out: ${leftOut}`;
  parts.push({ text: current, storyIds });
  return parts.map((part) => ({ payload: JSON.stringify({ text: part.text }), storyIds: part.storyIds }));
}

/** Renders a command reply as plain text. */
export function renderConsoleReply(reply: Reply): string {
  const lines = reply.lines.map((line) => terminalSafe(lineText(line)));
  if (reply.choices.length > 0)
    lines.push(`Options: ${reply.choices.map((c) => `/${c.command} ${c.value}`).join(' · ')}`);
  if (reply.file) lines.push(`(file ${reply.file.name})`, reply.file.content);
  return lines.join('\n');
}
