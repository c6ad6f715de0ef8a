/**
 * Every function that reads text from outside (feeds, pages, commands) against 1 MiB of hostile
 * input of each kind: one character or short sequence repeated, then a character no pattern
 * expects. A pattern that rescans or backtracks takes minutes on such input; a linear one takes
 * milliseconds. Each call must stay under one second of CPU, measured as CPU so that a busy machine
 * cannot fail it.
 */
import { describe, expect, it } from 'vitest';
import { withoutInvisibles } from '../../src/core/invisible.js';
import { parseCommandLine, tokenize } from '../../src/core/command-line.js';
import type { Digest, Story, Topic } from '../../src/core/types.js';
import { stripBoilerplateSentences, isBoilerplate, stripDateline } from '../../src/condense/boilerplate.js';
import { condenseItem } from '../../src/condense/condense.js';
import { clusterItems } from '../../src/stories/cluster-items.js';
import { stripFeedFurniture } from '../../src/ingest/feed-furniture.js';
import { extractEntities } from '../../src/condense/entities.js';
import { detectLanguage } from '../../src/condense/language.js';
import { isAttributed, isDangling } from '../../src/condense/openers.js';
import { describeSentences } from '../../src/condense/scoring.js';
import { paragraphs, splitSentences } from '../../src/condense/sentences.js';
import { summarize } from '../../src/condense/summarize.js';
import { contentWords } from '../../src/condense/tokens.js';
import { createTopicTagger } from '../../src/condense/topics.js';
import { mutedBy } from '../../src/digest/mute-filter.js';
import { cleanHtml } from '../../src/extract/clean-html.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { canonicalUrl } from '../../src/ingest/canonical-url.js';
import { parseFeedDate } from '../../src/ingest/dates.js';
import { decodeBody } from '../../src/ingest/decode.js';
import { advertisedFeeds } from '../../src/ingest/discover.js';
import { htmlToLine, htmlToText } from '../../src/ingest/html-text.js';
import { repairTruncatedJson } from '../../src/ingest/json-repair.js';
import { normalizeEntries } from '../../src/ingest/normalize.js';
import { parseOpml } from '../../src/ingest/opml.js';
import { parseFeed } from '../../src/ingest/parse-feed.js';
import { parseRetryAfter } from '../../src/ingest/retry-after.js';
import { sniffDocument } from '../../src/ingest/sniff.js';
import { rawMarkupAsHtml, xhtmlAsHtml } from '../../src/ingest/xhtml-text.js';
import { dropUnknownEntities, escapeBareAmpersands } from '../../src/ingest/xml-entities.js';
import { repairFeedXml } from '../../src/ingest/xml-repair.js';
import { terminalSafe, renderConsoleDigest } from '../../src/platforms/console/render.js';
import { escapeText as discordEscape, maskedLink } from '../../src/platforms/discord/markdown.js';
import { renderDiscordDigest } from '../../src/platforms/discord/render-digest.js';
import { escapeText as telegramEscape } from '../../src/platforms/telegram/html.js';
import { renderTelegramDigest } from '../../src/platforms/telegram/render-digest.js';
import { parseFeedUrl } from '../../src/services/feed-refs.js';
import { resolveMuteTerm } from '../../src/services/create-services.js';

const SIZE = 1024 * 1024;
const BUDGET_MS = 1_000;

// Character classes (letters, digits, spaces, punctuation, markup, marks, emoji, controls, other
// scripts) and the short sequences that patterns over feed text look for.
const ATOMS = [
  'a',
  'A',
  '0',
  ' ',
  '\n',
  '\u00a0',
  '.',
  '!',
  '…',
  ',',
  '-',
  '"',
  '“',
  '»',
  '(',
  '<',
  '>',
  '/',
  '\\',
  '&',
  '@',
  '*',
  'é',
  '中',
  '\u0301',
  '😀',
  '\u200d',
  '\u202e',
  '\u0000',
  '&lt;',
  '<p>',
  '<!--',
  'A. ',
  'Ab ',
  'A,',
  'By ',
  'x@y ',
];

/**
 * The hostile inputs: each atom repeated to 1 MiB, ending in a character nothing expects; and
 * half a MiB of open tags followed by as many close tags that match none of them.
 */
const inputs: readonly [string, string][] = [
  ...ATOMS.map((atom): [string, string] => [
    JSON.stringify(atom),
    `${atom.repeat(Math.ceil(SIZE / atom.length)).slice(0, SIZE - 1)}\u0001`,
  ]),
  ['opens, then stray closes', `${'<a>'.repeat(SIZE / 8)}${'</b>'.repeat(SIZE / 8)}`],
];

const topic = (id: string): Topic => ({
  id,
  label: id,
  emoji: '📰',
  categories: [],
});
const topics = ['world', 'business', 'sport', 'science'].map(topic);
const tagger = createTopicTagger(topics);

const storyOf = (s: string): Story => ({
  id: 1,
  leadItemId: 1,
  headline: s,
  summary: s,
  url: 'https://example.org/a',
  topics: ['world'],
  mainTopics: 1,
  entities: [s],
  publishedAt: 0,
  sources: [],
  createdAt: 0,
  updatedAt: 0,
  flags: 0,
  leads: {},
});
const digestOf = (s: string): Digest => ({
  subscriptionId: 1,
  slot: 0,
  timeZone: 'UTC',
  title: 'Evening digest',
  entries: [
    {
      storyId: 1,
      headline: s,
      url: 'https://example.org/a',
      summary: s,
      topics: [topic('world')],
      mainTopics: [topic('world')],
      sources: [{ name: s, url: 'https://example.org/a' }],
      publishedAt: 0,
      imageUrl: s,
    },
  ],
  feedCount: 1,
  mutedApplied: [s.slice(0, 64)],
  omitted: 0,
  pings: [],
});
const rss = (s: string): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title><link>https://example.org/a</link><description>${s}</description></item></channel></rss>`;

// Text functions by the door hostile text comes in through, each given the whole input.
const functions: readonly [string, (s: string) => unknown][] = [
  ['sniffDocument', sniffDocument],
  ['parseFeed (an RSS item of it)', (s) => parseFeed(rss(s))],
  ['parseFeed (the text itself)', parseFeed],
  ['repairFeedXml', repairFeedXml],
  ['xhtmlAsHtml', xhtmlAsHtml],
  ['rawMarkupAsHtml', rawMarkupAsHtml],
  ['dropUnknownEntities', dropUnknownEntities],
  ['escapeBareAmpersands', escapeBareAmpersands],
  ['repairTruncatedJson', repairTruncatedJson],
  ['decodeBody', (s) => decodeBody(Buffer.from(s, 'utf8'), 'text/xml')],
  ['htmlToText', htmlToText],
  ['htmlToLine', (s) => htmlToLine(s, 500)],
  [
    'normalizeEntries',
    (s) =>
      normalizeEntries(
        {
          format: 'rss',
          title: s,
          siteUrl: s,
          entries: [
            {
              id: s,
              link: s,
              title: s,
              content: s,
              summary: s,
              author: s,
              published: s,
              updated: s,
              categories: [s],
              image: s,
            },
          ],
        },
        { feedUrl: 'https://example.org/feed.xml', now: 0 },
      ),
  ],
  ['canonicalUrl', (s) => canonicalUrl(s)],
  ['parseFeedDate', (s) => parseFeedDate(s, 0)],
  ['parseRetryAfter', (s) => parseRetryAfter(s, 0)],
  ['advertisedFeeds', (s) => advertisedFeeds(s, 'https://example.org/')],
  ['parseOpml', parseOpml],
  ['cleanHtml', cleanHtml],
  ['extractArticle', extractArticle],
  [
    'condenseItem',
    (s) =>
      condenseItem(
        { title: s, text: s, categories: [s] },
        {
          tagger,
          feedTopics: [],
          maxSentences: 3,
          maxChars: 400,
          contentHash: 'h',
        },
      ),
  ],
  ['detectLanguage', detectLanguage],
  ['paragraphs', paragraphs],
  ['splitSentences', (s) => splitSentences(s, 'en')],
  ['stripBoilerplateSentences', (s) => stripBoilerplateSentences(s, 'en')],
  ['isBoilerplate', isBoilerplate],
  ['stripDateline', stripDateline],
  ['summarize', (s) => summarize({ title: s, text: s, language: 'en' })],
  ['describeSentences', (s) => describeSentences([s], 'en')],
  ['contentWords', (s) => contentWords(s, 'en')],
  ['isAttributed', isAttributed],
  ['isDangling', (s) => isDangling(s, 'en')],
  ['extractEntities', (s) => extractEntities(s, s, 'en')],
  ['tagger.tag', (s) => tagger.tag({ title: s, text: s, categories: [s], feedTopics: [], language: 'en' })],
  [
    'clusterItems (the story engine)',
    (s) =>
      clusterItems([
        { id: 'a', source: s, url: s, title: s, text: s, publishedAt: 0 },
        { id: 'b', source: 'other', url: null, title: s, text: s, publishedAt: 0 },
      ]),
  ],
  ['stripFeedFurniture', (s) => stripFeedFurniture([1, 2, 3].map((i) => ({ title: `${i} ${s}`, text: s })))],
  ['mutedBy', (s) => mutedBy(storyOf(s), ['sport', 'bitcoin'], new Set(['sport']))],
  ['parseCommandLine', (s) => parseCommandLine(`/subscribe ${s}`)],
  ['tokenize', tokenize],
  [
    'resolveMuteTerm',
    (s) => {
      try {
        return resolveMuteTerm(s, topics);
      } catch {
        return null;
      }
    },
  ],
  ['parseFeedUrl', parseFeedUrl],
  ['withoutInvisibles', withoutInvisibles],
  ['telegram escapeText', telegramEscape],
  ['renderTelegramDigest', (s) => renderTelegramDigest(digestOf(s), { linkPreviews: false })],
  ['discord escapeText', discordEscape],
  ['discord maskedLink', (s) => maskedLink(s, s)],
  ['renderDiscordDigest', (s) => renderDiscordDigest(digestOf(s))],
  ['terminalSafe', terminalSafe],
  ['renderConsoleDigest', (s) => renderConsoleDigest(digestOf(s))],
];

/** CPU milliseconds `run` takes, async work included. */
async function cpuMs(run: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('every text function on 1 MiB of hostile input of every kind', () => {
  it.each(functions)(
    '%s stays under 1 s of CPU on each input',
    async (_, run) => {
      const slow: string[] = [];
      for (const [name, input] of inputs) {
        const ms = await cpuMs(() => run(input));
        if (ms >= BUDGET_MS) slow.push(`${name}: ${Math.round(ms)} ms`);
      }
      expect(slow).toEqual([]);
    },
    600_000,
  );
});
