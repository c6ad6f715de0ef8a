/**
 * The mute score on BBC articles: each article is tagged with the configured taxonomy and made a
 * story; muting a label's topic must remove that label's stories and leave the others, through the
 * digest's own mute rule.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TopicTagger } from '../../src/condense/topics.js';
import type { Story } from '../../src/core/types.js';
import { mutedBy } from '../../src/digest/mute-filter.js';

/** BBC labels and the taxonomy topic each one mutes. */
export const BBC_TOPICS: Readonly<Record<string, string>> = {
  business: 'business',
  entertainment: 'culture',
  politics: 'politics',
  sport: 'sport',
  tech: 'technology',
};

/** One labelled article. */
export interface LabelledArticle {
  readonly id: string;
  readonly topic: string;
  readonly title: string;
  readonly article: string;
}

/** What muting one label's topic did. */
export interface MuteOutcome {
  readonly label: string;
  readonly term: string;
  /** Share of the label's articles removed. */
  readonly removal: number;
  /** Share of the other labels' articles removed. */
  readonly falseRemoval: number;
  readonly missed: readonly string[];
  readonly wronglyRemoved: readonly string[];
}

/**
 * Mute outcomes per label; `feedTopics` gives each article the topics of the feed it came through,
 * `labels` maps each label to the term muted for it (the BBC's five by default).
 */
export function muteScores(
  rows: readonly LabelledArticle[],
  tagger: TopicTagger,
  feedTopics: (row: LabelledArticle) => readonly string[] = () => [],
  labels: Readonly<Record<string, string>> = BBC_TOPICS,
): MuteOutcome[] {
  const stories = rows.map((row, i) => {
    const tags = tagger.tag({
      title: row.title,
      text: row.article,
      categories: [],
      feedTopics: feedTopics(row),
    });
    const story: Story = {
      id: i,
      headline: row.title,
      summary: '',
      url: null,
      topics: tags.topics,
      mainTopics: tags.mainTopics,
      entities: tags.entities,
      leadItemId: i,
      createdAt: 0,
      updatedAt: 0,
      publishedAt: 0,
      sources: [],
      flags: 0,
      leads: {},
    };
    return { row, story };
  });
  // Every term muted here is a taxonomy topic: muted as a topic, never as a word of the headline.
  const topicIds = new Set(Object.values(labels));
  return Object.entries(labels).map(([label, term]) => {
    const own = stories.filter((s) => s.row.topic === label);
    const others = stories.filter((s) => s.row.topic !== label);
    const missed = own.filter((s) => mutedBy(s.story, [term], topicIds) === null).map((s) => s.row.id);
    const wrong = others.filter((s) => mutedBy(s.story, [term], topicIds) !== null).map((s) => s.row.id);
    return {
      label,
      term,
      removal: own.length === 0 ? 0 : (own.length - missed.length) / own.length,
      falseRemoval: others.length === 0 ? 0 : wrong.length / others.length,
      missed,
      wronglyRemoved: wrong,
    };
  });
}

/** Gazette's own labelled stories (`test/fixtures/topics/`), each label a taxonomy id. */
export function readOwnLabelledStories(repo: string): LabelledArticle[] {
  const file = path.join(repo, 'test/fixtures/topics/labelled-stories.json');
  const rows = JSON.parse(readFileSync(file, 'utf8')) as {
    id: string;
    label: string;
    title: string;
    text: string;
  }[];
  return rows.map((r) => ({ id: r.id, topic: r.label, title: r.title, article: r.text }));
}
