/**
 * `npm run bench -- story-topics [--held-out=FILE]`: what muting a story does to the items it holds,
 * when the story's topics are its lead's reading against when they are all its members' readings
 * weighed together (the shipped rule, `TopicTagger.combine`) and against a vote of the members' main
 * topics (each topic main for at least half of them); `own` is each item alone, as a singleton. Every labelled news day is filed into
 * stories by the engine; each item's class is the section its address files it under (or, with
 * `--held-out`, its label in the topic corpus), and muting a class removes an item when its story's
 * main topics hold one of the class's topics. Items are read by their text alone, so the label is
 * not also the evidence. By default the committed model reads them, and it was fitted on most of
 * these items; `--held-out=FILE` reads the cache `npx tsx bench/train/topic-rules.ts --cache=FILE`
 * writes instead: each corpus item as read by a fit that never saw its outlet (items outside the
 * corpus are then left out).
 */

import { existsSync, readFileSync } from 'node:fs';
import { createSectionReader } from '../src/condense/topic-evidence.js';
import { createTopicTagger, defaultTopicModel, rankTopics } from '../src/condense/topics.js';
import type { TopicScores } from '../src/core/types.js';
import { topicReaders } from '../src/pipeline/cluster-pending.js';
import { clusterItems } from '../src/stories/cluster-items.js';
import type { StoryEngine } from '../src/stories/engine.js';
import { FOUR_CLASSES, muteRates } from '../src/training/mute-rates.js';
import { hasCorpus } from './lib/corpus.js';
import { LABELLED_DAYS, readLabelledDay } from './lib/story-days.js';
import { configuredTopics } from './lib/taxonomy.js';

interface HeldOutReading {
  readonly id: string;
  readonly label: number;
  readonly p: readonly number[];
}

type Rule = 'own' | 'lead' | 'together' | 'vote';
const RULES: readonly Rule[] = ['own', 'lead', 'together', 'vote'];

const topics = configuredTopics();
const tagger = createTopicTagger(topics);
const thresholds = defaultTopicModel().data;
const sections = createSectionReader(topics);
const cacheFile = process.argv.find((a) => a.startsWith('--held-out='))?.slice('--held-out='.length);

function heldOutReadings(): Map<string, HeldOutReading> | null {
  if (cacheFile === undefined) return null;
  if (!existsSync(cacheFile)) throw new Error(`--held-out: no file ${cacheFile}`);
  const rows = JSON.parse(readFileSync(cacheFile, 'utf8')) as HeldOutReading[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** The topics main for at least half of the members: the rule the mean was measured against. */
function majority(mains: readonly (readonly string[])[]): string[] {
  const votes = new Map<string, number>();
  for (const main of mains) for (const topic of main) votes.set(topic, (votes.get(topic) ?? 0) + 1);
  return [...votes].filter(([, n]) => 2 * n >= mains.length).map(([topic]) => topic);
}

const mainOf = (ranked: { topics: string[]; mainTopics: number } | null): string[] =>
  ranked === null ? [] : ranked.topics.slice(0, ranked.mainTopics);

/** Each judged item's class and the main topics each rule gives its story. */
function judgeDays(held: Map<string, HeldOutReading> | null): {
  labels: string[];
  main: Record<Rule, string[][]>;
  shared: boolean[];
} {
  const labels: string[] = [];
  const main: Record<Rule, string[][]> = { own: [], lead: [], together: [], vote: [] };
  const shared: boolean[] = [];
  for (const name of LABELLED_DAYS) {
    const day = readLabelledDay(name);
    let engine: StoryEngine | null = null;
    clusterItems(day.items, { onEngine: (e) => (engine = e) });
    const filed = engine as StoryEngine | null;
    if (filed === null) continue;
    const scores: TopicScores[] = day.items.map((item) => {
      const reading = held?.get(item.id);
      if (reading !== undefined) return Object.fromEntries(topics.map((t, i) => [t.id, reading.p[i] ?? 0]));
      return tagger.tag({ title: item.title, text: item.text, categories: [], feedTopics: [], url: null })
        .scores;
    });
    const own = scores.map((s) =>
      mainOf(
        rankTopics(
          topics,
          topics.map((t) => s[t.id] ?? 0),
          thresholds,
        ),
      ),
    );
    day.items.forEach((item, i) => {
      let label: string | undefined;
      if (held !== null) {
        const reading = held.get(item.id);
        label = reading === undefined ? undefined : topics[reading.label]?.id;
      } else {
        const named = [...sections.fromUrl(item.url)];
        label = named.length === 1 ? topics[named[0] ?? -1]?.id : undefined;
      }
      const story = filed.storyOf(i);
      if (label === undefined || story === null) return;
      // The members the story step reads, as it reads them.
      const readers = topicReaders(story);
      labels.push(label);
      shared.push(story.members.length > 1);
      main.own.push(own[i] ?? []);
      main.lead.push(own[story.lead.id] ?? []);
      main.together.push(mainOf(tagger.combine(readers.map((m) => scores[m] ?? {}))));
      main.vote.push(majority(readers.map((m) => own[m] ?? [])));
    });
  }
  return { labels, main, shared };
}

function report(title: string, labels: readonly string[], main: Record<Rule, string[][]>): void {
  const rates = RULES.map((rule) => muteRates(main[rule], labels, FOUR_CLASSES));
  console.log(
    `\n${title}: ${labels.length} items; leaks (own / lead / together / vote) · wrongly removed (the same)`,
  );
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`.padStart(6);
  rates[0]?.forEach((row, k) => {
    const leaks = rates.map((r) => pct(r[k]?.leaks ?? 0)).join(' ');
    const wrong = rates.map((r) => pct(r[k]?.wronglyRemoved ?? 0)).join(' ');
    console.log(`  ${row.name.padEnd(9)} ${String(row.items).padStart(5)}  ${leaks}  ·  ${wrong}`);
  });
}

if (!hasCorpus()) {
  console.log('story-topics: the shared corpus is not here; skipped');
} else {
  const held = heldOutReadings();
  console.log(
    held === null
      ? 'read by the committed model (fitted on most of these items), labels from the address'
      : `read by fits that never saw each item's outlet (${cacheFile}), labels from the topic corpus`,
  );
  const { labels, main, shared } = judgeDays(held);
  const pick = <T>(rows: readonly T[]): T[] => rows.filter((_, i) => shared[i]);
  report('items of stories told more than once', pick(labels), {
    own: pick(main.own),
    lead: pick(main.lead),
    together: pick(main.together),
    vote: pick(main.vote),
  });
  report('every item', labels, main);
}
