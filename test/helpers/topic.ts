import type { Topic } from '../../src/core/types.js';

/** A taxonomy topic for tests: its id doubles as its label; lists default to empty. */
export function topic(
  id: string,
  keywords: string[] = [],
  more: Partial<Pick<Topic, 'names' | 'categories' | 'label'>> = {},
): Topic {
  return {
    id,
    label: more.label ?? id,
    emoji: '',
    keywords,
    names: more.names ?? [],
    categories: more.categories ?? [],
  };
}
