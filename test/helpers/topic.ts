import type { Topic } from '../../src/core/types.js';

/** A taxonomy topic for tests: its id doubles as its label; no section names unless given. */
export function topic(id: string, more: Partial<Pick<Topic, 'categories' | 'label'>> = {}): Topic {
  return { id, label: more.label ?? id, emoji: '', categories: more.categories ?? [] };
}
