import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { muteScores, readOwnLabelledStories } from '../../bench/lib/mute-score.js';
import { loadConfig } from '../../src/config/load.js';
import { createTopicTagger } from '../../src/condense/topics.js';

/**
 * Muting on a labelled set of our own writing (`test/fixtures/topics/labelled-stories.json`):
 * 64 invented wire stories, 8 per topic, of which 2 per topic sit on a border (a club's profits,
 * a footballer's memoir, a film about an election). Runs without the shared corpus.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const rows = readOwnLabelledStories(repo);
const config = loadConfig({ configDir: path.join(repo, 'config'), env: {} });
if (!config.ok) throw new Error(config.error);
const topics = config.value.topics;
const outcomes = muteScores(
  rows,
  createTopicTagger(topics),
  () => [],
  Object.fromEntries(topics.map((t) => [t.id, t.id])),
);
const isBorder = (id: string): boolean => /-h\d$/.test(id);

describe('muting on our own labelled stories', () => {
  it('covers every topic of the taxonomy with 6 clear and 2 border stories', () => {
    for (const topic of topics) {
      const ids = rows.filter((r) => r.topic === topic.id).map((r) => r.id);
      expect(
        ids.filter((id) => !isBorder(id)),
        topic.id,
      ).toHaveLength(6);
      expect(ids.filter(isBorder), topic.id).toHaveLength(2);
    }
  });

  // Floors of the trained model as committed (it never saw these stories): a retrained model must
  // not do worse. Tech companies' stories are where business and technology meet.
  it('removes at least 6 of the 8 stories of every muted topic', () => {
    const kept = outcomes.flatMap((o) => o.missed);
    console.log(`kept although muted: ${kept.join(', ') || 'none'}`);
    for (const o of outcomes)
      expect(o.missed.length, `${o.term}: ${o.missed.join(', ')}`).toBeLessThanOrEqual(2);
    expect(kept.filter((id) => !isBorder(id)).length).toBeLessThanOrEqual(5);
  });

  it('wrongly removes at most 4 of the 56 other stories for any muted topic', () => {
    for (const o of outcomes) {
      expect(o.wronglyRemoved.length, `${o.term}: ${o.wronglyRemoved.join(', ')}`).toBeLessThanOrEqual(4);
    }
  });
});
