import type { Item } from '../../src/core/types.js';

/** A stored, live item of feed 1 with a short snippet as its text; `over` changes any field. */
export function storedItem(id: number, over: Partial<Item> = {}): Item {
  return {
    id,
    feedId: 1,
    key: `k${id}`,
    url: `https://news.selwyn-harbour.fake/story-${id}`,
    title: 'Cranes collapse at Port Selwyn',
    text: 'Two cranes collapsed at Port Selwyn during a storm, halting cargo traffic.',
    author: null,
    publishedAt: 0,
    categories: [],
    imageUrl: null,
    contentHash: `h${id}`,
    firstSeenAt: 0,
    backlog: false,
    storyId: null,
    condensed: null,
    ...over,
  };
}
