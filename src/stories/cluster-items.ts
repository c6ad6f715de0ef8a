/** Stories of a batch of items read from files: `gazette cluster`, evaluations and one-shot runs. */

import { detectLanguage, feedLanguageOf } from '../condense/language.js';
import { stripFeedFurniture } from '../ingest/feed-furniture.js';
import { createStoryEngine, type EngineOptions, type StoryEngine } from './engine.js';
import type { StoryItem } from './item-vector.js';
import { defaultStoryModel } from './story-model.js';

/** One item to cluster. */
export interface ClusterItem {
  readonly id: string;
  /** The outlet or feed that published it. */
  readonly source: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly text: string;
  /** Publication time, epoch milliseconds. */
  readonly publishedAt: number;
}

/** Engine options, and a hook that sees the engine (training reads its stories as they form). */
export interface ClusterOptions extends Partial<EngineOptions> {
  readonly onEngine?: (engine: StoryEngine) => void;
}

/**
 * The story of each item, by item id, named by the id of the story's first item in canonical
 * order: the same whatever order the items come in. Each source's items are read as one feed
 * document, so the text its items all repeat is left out, as the pipeline does.
 */
export function clusterItems(
  items: readonly ClusterItem[],
  options: ClusterOptions = {},
): Map<string, string> {
  const sources = new Map<string, number>();
  const bySource = new Map<string, { item: ClusterItem; index: number }[]>();
  items.forEach((item, index) => {
    if (!sources.has(item.source)) sources.set(item.source, sources.size);
    const list = bySource.get(item.source) ?? [];
    list.push({ item, index });
    bySource.set(item.source, list);
  });
  const inputs: StoryItem[] = [];
  for (const [source, list] of [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cleaned = stripFeedFurniture(list.map(({ item }) => ({ title: item.title, text: item.text })));
    const feedLanguage = feedLanguageOf(cleaned);
    list.forEach(({ item, index }, i) => {
      const title = cleaned[i]?.title ?? '';
      const lead = cleaned[i]?.text ?? '';
      inputs.push({
        id: index,
        outlet: sources.get(source) ?? 0,
        url: item.url,
        title,
        lead,
        language: detectLanguage(`${title}\n${lead}`, feedLanguage),
        publishedAt: item.publishedAt,
        firstSeenAt: item.publishedAt,
        stableKey: `${item.url ?? ''}\u0000${item.id}`,
      });
    });
  }
  const engine = createStoryEngine({ ...options, model: options.model ?? defaultStoryModel() });
  options.onEngine?.(engine);
  engine.add(inputs);
  const out = new Map<string, string>();
  items.forEach((item, index) => {
    const founder = engine.storyOf(index)?.founder.id ?? index;
    out.set(item.id, items[founder]?.id ?? item.id);
  });
  return out;
}
