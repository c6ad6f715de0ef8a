import { describe, expect, it } from 'vitest';
import type { Digest, DigestEntry, Topic } from '../../src/core/types.js';
import { muteControls, parseCustomId, choiceCustomId } from '../../src/platforms/discord/components.js';
import { embedSize } from '../../src/platforms/discord/limits.js';
import { clip, escapeText, maskedLink, safeUrl } from '../../src/platforms/discord/markdown.js';
import {
  partNonce,
  renderDiscordDigest,
  storyEmbed,
  type DiscordMessagePayload,
} from '../../src/platforms/discord/render-digest.js';
import { renderDiscordReply } from '../../src/platforms/discord/render-reply.js';
import { reply } from '../../src/core/reply.js';
import { limitViolations } from '../fakes/discord-limits.js';

const SLOT = Date.UTC(2026, 10, 28, 18, 0);
const topic = (id: string, label = `${id.charAt(0).toUpperCase()}${id.slice(1)}`): Topic => ({
  id,
  label,
  emoji: '•',
  categories: [],
});

function entry(i: number, over: Partial<DigestEntry> = {}): DigestEntry {
  return {
    storyId: i,
    headline: `Headline ${i}`,
    url: `https://example.org/${i}`,
    summary: `Summary of story ${i}, officials said.`,
    topics: [topic('world')],
    mainTopics: [topic('world')],
    sources: [{ name: 'Example World', url: `https://example.org/${i}` }],
    publishedAt: SLOT - i * 60_000,
    imageUrl: null,
    ...over,
  };
}

function digest(entries: readonly DigestEntry[], over: Partial<Digest> = {}): Digest {
  return {
    subscriptionId: 7,
    slot: SLOT,
    timeZone: 'UTC',
    title: 'Evening digest',
    entries,
    feedCount: 5,
    mutedApplied: ['Sport'],
    omitted: 0,
    pings: [],
    ...over,
  };
}

const payloads = (d: Digest): DiscordMessagePayload[] =>
  renderDiscordDigest(d).map((p) => JSON.parse(p.payload) as DiscordMessagePayload);

describe('Discord digest rendering', () => {
  it('heads the digest like UX.md and puts one embed per story', () => {
    const [first] = payloads(digest([entry(1), entry(2)]));
    expect(first?.content).toBe('**Evening digest** · Sat 28 Nov · 2 stories from 5 feeds · muted: Sport');
    expect(first?.embeds).toHaveLength(2);
    expect(first?.embeds[0]).toMatchObject({
      title: 'Headline 1',
      url: 'https://example.org/1',
      description: 'Summary of story 1, officials said.',
      author: { name: '• World' },
      fields: [{ name: 'Sources', value: '[Example World](https://example.org/1)' }],
      footer: { text: 'World · 1 source' },
      timestamp: new Date(SLOT - 60_000).toISOString(),
    });
  });

  it('splits at ten embeds and at 6,000 characters, between stories', () => {
    const many = payloads(digest(Array.from({ length: 23 }, (_, i) => entry(i))));
    expect(many.map((p) => p.embeds.length)).toEqual([10, 10, 3]);
    const big = payloads(
      digest(Array.from({ length: 7 }, (_, i) => entry(i, { summary: 'word '.repeat(500) }))),
    );
    expect(big.length).toBeGreaterThan(1);
    for (const part of [...many, ...big]) {
      expect(
        limitViolations({ ...part, embeds: [...part.embeds], components: part.components as never }),
      ).toEqual([]);
      expect(part.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(6_000);
    }
    expect(big.flatMap((p) => p.embeds.map((e) => e.title))).toEqual(
      Array.from({ length: 7 }, (_, i) => `Headline ${i}`),
    );
    expect(big[1]?.content).toContain('part 2 of');
  });

  it('truncates only a story too long alone, and says how many stories were left out', () => {
    const huge = entry(1, {
      headline: 'h'.repeat(10_000),
      summary: 's'.repeat(10_000),
      sources: Array.from({ length: 80 }, (_, i) => ({
        name: `Outlet ${i}`,
        url: `https://example.org/outlet/${i}`,
      })),
    });
    const embed = storyEmbed(huge);
    expect(embed.title).toHaveLength(256);
    expect(embed.description?.endsWith('…')).toBe(true);
    expect(embed.fields?.[0]?.value.length).toBeLessThanOrEqual(1024);
    expect(embed.fields?.[0]?.value).toMatch(/· and \d+ more$/);
    expect(embedSize(embed)).toBeLessThanOrEqual(6_000);
    const [only] = payloads(digest([huge], { omitted: 3 }));
    expect(only?.content).toContain('… and 3 more stories not shown.');
  });

  it('derives a stable nonce per part from the subscription, slot and position', () => {
    const [a, b] = payloads(digest(Array.from({ length: 12 }, (_, i) => entry(i))));
    expect(a?.nonce).toBe(partNonce(7, SLOT, 0));
    expect(b?.nonce).toBe(partNonce(7, SLOT, 1));
    expect(a?.nonce).not.toBe(b?.nonce);
    expect(a?.nonce.length).toBeLessThanOrEqual(25);
    expect(partNonce(8, SLOT, 0)).not.toBe(a?.nonce);
  });

  it('offers mute buttons for up to five topics and a select menu for the rest', () => {
    const topics = [
      'world',
      'politics',
      'business',
      'technology',
      'science',
      'health',
      'sport',
      'culture',
    ].map((id) => topic(id));
    const rows = muteControls(topics);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.components.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual([
      'gz:mute:world',
      'gz:mute:politics',
      'gz:mute:business',
      'gz:mute:technology',
      'gz:mute:science',
    ]);
    const menu = rows[1]?.components[0];
    expect(menu && 'options' in menu ? menu.options.map((o) => o.value) : []).toEqual([
      'health',
      'sport',
      'culture',
    ]);
    expect(muteControls(topics.slice(0, 3))).toHaveLength(1);
    expect(parseCustomId('gz:mute:world')).toEqual({ command: 'mute', value: 'world' });
    expect(parseCustomId('gz:mute', ['sport'])).toEqual({ command: 'mute', value: 'sport' });
    expect(parseCustomId('other:thing')).toBeNull();
    expect(choiceCustomId('mute', 'x'.repeat(100))).toBeNull();
  });
});

describe('Discord escaping', () => {
  it('escapes markdown, mentions and line-start syntax', () => {
    expect(escapeText('**bold** _i_ ~~s~~ ||sp|| `c` [a](b)')).toBe(
      '\\*\\*bold\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\|\\|sp\\|\\| \\`c\\` \\[a\\](b)',
    );
    expect(escapeText('@everyone <@123> <@&4> <#5> <t:1:R>')).toBe(
      '\\@everyone \\<\\@123\\> \\<\\@&4\\> \\<#5\\> \\<t:1:R\\>',
    );
    expect(escapeText('# Title\n> quote')).toBe('\\# Title \\> quote');
    expect(escapeText('- item')).toBe('\\- item');
    expect(escapeText('1. first')).toBe('\\1. first');
    expect(escapeText('a\u202eb\u0000c')).toBe('abc');
  });

  it('keeps links inside their brackets', () => {
    expect(safeUrl('https://example.org/a)b(c d')).toBe('https://example.org/a%29b%28c%20d');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://user:pw@example.org/')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(maskedLink('[x](y)', 'https://e.org/)')).toBe('[\\[x\\](y)](https://e.org/%29)');
    expect(maskedLink('Name', 'ftp://e.org/')).toBe('Name');
  });

  it('clips without leaving a dangling escape or half a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab\\*cd', 4)).toBe('ab…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
  });

  it('renders replies with escaped spans, chunked at 2,000 characters', () => {
    const rendered = renderDiscordReply(
      reply.ok([
        ['Muted ', { strong: '**x**' }, ' ', { code: 'a`b' }, ' ', { href: 'https://e.org/)', text: 'site' }],
      ]),
    );
    expect(rendered.chunks).toEqual(['Muted **\\*\\*x\\*\\*** `aˋb` [site](https://e.org/%29)']);
    const long = renderDiscordReply(
      reply.info(Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(60)}`)),
    );
    expect(long.chunks.length).toBeGreaterThan(1);
    for (const chunk of long.chunks) expect(chunk.length).toBeLessThanOrEqual(2_000);
    expect(renderDiscordReply(reply.info(['# not a heading'])).chunks[0]).toBe('\\# not a heading');
  });

  it("lists all of a chat's 100 feeds, each a link with its address, and the line after them", () => {
    const feeds = Array.from({ length: 100 }, (_, i) => [
      '• ',
      { href: `https://news.example-${i}.com/feeds/section-${i}/rss.xml`, text: `Example News ${i}` },
      ` (news.example-${i}.com) [`,
      { code: `example-${i}` },
      '] — ok, last read 12 minutes ago',
    ]);
    const rendered = renderDiscordReply(reply.info([...feeds, 'Next digest Sat 28 Nov 18:00']));
    const text = rendered.chunks.join('\n');
    for (let i = 0; i < 100; i++) expect(text).toContain(`Example News ${i}]`);
    expect(text).toContain('Next digest');
    for (const chunk of rendered.chunks) expect(chunk.length).toBeLessThanOrEqual(2_000);
  });
});

describe('Discord live and continuity rendering', () => {
  it('gives each live story a message of its own with its own nonce, breaking news headed so', () => {
    const live = payloads(digest([entry(1), entry(2), entry(3)], { kind: 'live' }));
    expect(live.map((p) => p.embeds.length)).toEqual([1, 1, 1]);
    expect(live.map((p) => p.content)).toEqual(['', '', '']);
    expect(new Set(live.map((p) => p.nonce)).size).toBe(3);
    for (const p of live) {
      expect(limitViolations({ ...p, embeds: [...p.embeds], components: p.components as never })).toEqual([]);
    }
    const [breaking] = payloads(digest([entry(1)], { kind: 'breaking' }));
    expect(breaking?.content).toBe('**Breaking**');
  });

  it('labels a grown story with how many outlets joined, above only the new ones', () => {
    const grown = entry(4, {
      addedOutlets: 2,
      sources: [
        { name: 'B', url: null },
        { name: 'C', url: null },
      ],
    });
    const embed = storyEmbed(grown);
    expect(embed.fields).toEqual([{ name: 'updated: +2 outlets', value: 'B · C' }]);
    expect(storyEmbed(entry(5, { addedOutlets: 1 })).fields?.[0]?.name).toBe('updated: +1 outlet');
  });
});
