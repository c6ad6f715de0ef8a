/**
 * The committed topic model on data it was never trained or tuned on: BBC-100 (2004–05), the
 * CNN/Daily Mail articles of the summaries corpus (2007–15, labelled by their URL's section), our
 * own labelled stories, and the unlabelled cluster-development days (how much is left untagged).
 */

import type { Topic } from '../../src/core/types.js';
import { detectLanguage } from '../../src/condense/language.js';
import { createSectionReader } from '../../src/condense/topic-evidence.js';
import type { TopicTagger } from '../../src/condense/topics.js';
import { muteRates, perTopic, type MuteRates } from '../../src/training/mute-rates.js';
import { clusterDayDocuments, readSummaryRows } from './corpus.js';
import { BBC_TOPICS, muteScores, readOwnLabelledStories, type MuteOutcome } from './mute-score.js';

/** BBC-100 through the mute rule: text only, as a held-out check. */
export function bbcCheck(tagger: TopicTagger): MuteOutcome[] {
  const rows = readSummaryRows('bbc-100.jsonl').map((r) => ({
    id: r.id,
    topic: r.topic ?? '',
    title: r.title ?? '',
    article: r.article,
  }));
  return muteScores(rows, tagger, () => [], BBC_TOPICS);
}

/** Our own 64 labelled stories, one label per taxonomy topic. */
export function ownStoriesCheck(tagger: TopicTagger, topics: readonly Topic[], repo: string): MuteOutcome[] {
  const labels = Object.fromEntries(topics.map((t) => [t.id, t.id]));
  return muteScores(readOwnLabelledStories(repo), tagger, () => [], labels);
}

/**
 * The CNN and Daily Mail articles of `summaries/cnndm-dev.jsonl` whose archived URL names exactly
 * one topic's section, tagged from their text alone (no URL, no title: the feeds of those years
 * are gone), muted per topic.
 */
export function cnndmCheck(
  tagger: TopicTagger,
  topics: readonly Topic[],
): { items: number; rates: MuteRates[] } {
  const sections = createSectionReader(topics);
  const labelled = readSummaryRows('cnndm-dev.jsonl').flatMap((row) => {
    const url = (row as { url?: string }).url ?? '';
    const original = url.slice(url.lastIndexOf('http'));
    const named = [...sections.fromUrl(original)];
    const topic = named.length === 1 ? topics[named[0] ?? -1] : undefined;
    return topic === undefined ? [] : [{ label: topic.id, text: row.article }];
  });
  const main = labelled.map((row) => {
    const tags = tagger.tag({ title: null, text: row.text, categories: [], feedTopics: [] });
    return tags.topics.slice(0, tags.mainTopics);
  });
  const present = [...new Set(labelled.map((r) => r.label))];
  return {
    items: labelled.length,
    rates: muteRates(
      main,
      labelled.map((r) => r.label),
      perTopic(present),
    ),
  };
}

/** On the unlabelled days: items with no topic, and YouTube items tagged technology. */
export function devDaysCheck(tagger: TopicTagger): {
  items: number;
  untagged: number;
  youtube: number;
  youtubeTechnology: number;
  sportSection: number;
  sportSectionTagged: number;
} {
  // Each outlet's day is one feed document: its items are read beside its language, as a poll does.
  const rows = clusterDayDocuments().flatMap(({ items, feedLanguage }) =>
    items.map((row) => ({ ...row, feedLanguage })),
  );
  let untagged = 0;
  let youtube = 0;
  let youtubeTechnology = 0;
  let sportSection = 0;
  let sportSectionTagged = 0;
  for (const row of rows) {
    const tags = tagger.tag({
      title: row.title,
      text: row.text,
      categories: [],
      feedTopics: [],
      url: row.url,
      language: detectLanguage(`${row.title}\n${row.text}`, row.feedLanguage),
    });
    const main = tags.topics.slice(0, tags.mainTopics);
    if (tags.topics.length === 0) untagged++;
    if (row.source.includes('YouTube')) {
      youtube++;
      if (tags.topics.includes('technology')) youtubeTechnology++;
    }
    if (/\/sports?\//u.test(row.url)) {
      sportSection++;
      if (main.includes('sport')) sportSectionTagged++;
    }
  }
  return { items: rows.length, untagged, youtube, youtubeTechnology, sportSection, sportSectionTagged };
}
