import type { Story, StorySource, Subscription } from '../../src/core/types.js';

/** A console subscription with every setting at its default; `over` changes what a test needs. */
export function testSubscription(over: Partial<Subscription> = {}): Subscription {
  return {
    id: 1,
    platform: 'console',
    chatId: 'c',
    threadId: '',
    schedule: '0 18 * * *',
    timezone: 'UTC',
    createdAt: 0,
    lastDigestAt: null,
    nextDigestAt: null,
    pausedReason: null,
    liveSince: null,
    breaking: null,
    images: true,
    ...over,
  };
}

/** One outlet's telling of story `itemId`. */
export function testSource(itemId: number, over: Partial<StorySource> = {}): StorySource {
  return {
    itemId,
    feedId: 1,
    feedTitle: 'Outlet A',
    url: `https://a.example/${itemId}`,
    title: null,
    publishedAt: 0,
    summary: null,
    language: null,
    imageUrl: null,
    ...over,
  };
}

/** A one-outlet world story, newer the higher its id. */
export function testStory(id: number, over: Partial<Story> = {}): Story {
  return {
    id,
    headline: `Headline ${id}`,
    summary: `Summary ${id}.`,
    url: `https://example.org/${id}`,
    topics: ['world'],
    mainTopics: 1,
    entities: [],
    leadItemId: id,
    createdAt: 0,
    updatedAt: 0,
    publishedAt: 1_000 * id,
    sources: [testSource(id)],
    flags: 0,
    leads: {},
    ...over,
  };
}
