/**
 * What chat filters cost. First, patterns that backtrack catastrophically on other engines, run on
 * growing runs of `a` (time should grow in proportion to the text, not explode). Then one digest:
 * the most filters a chat may have, each as large as a filter may be, over 500 candidate stories,
 * composed as a digest is. `npm run bench -- filters`.
 */
import { performance } from 'node:perf_hooks';
import type { Story } from '../src/core/types.js';
import { composeDigest } from '../src/digest/compose.js';
import { compileFilter, type CompiledFilter } from '../src/digest/story-filter.js';
import { MAX_FILTERS } from '../src/services/preferences.js';
import { testSource, testStory, testSubscription } from '../test/helpers/digest-fixtures.js';

function compiled(pattern: string, regex: boolean, feedId: number | null = null): CompiledFilter {
  const result = compileFilter({ feedId, pattern, regex });
  if (!result.ok) throw new Error(`${pattern}: ${result.error}`);
  return result.value;
}

const time = (run: () => void): number => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

console.log('pathological patterns, ms (median of 3) to find no match in a run of "a" then "b":');
for (const pattern of ['(a+)+$', '(a|aa)+$', '(a*)*b$', '^(a|a?)+b$']) {
  const filter = compiled(pattern, true);
  const cells = [10_000, 50_000, 100_000, 200_000].map((n) => {
    const text = `${'a'.repeat(n)}b`;
    filter.matches(text);
    const runs = [0, 1, 2].map(() => time(() => filter.matches(text))).sort((a, b) => a - b);
    return `${n / 1000}k: ${(runs[1] ?? 0).toFixed(1)}`;
  });
  console.log(`  ${pattern.padEnd(12)} ${cells.join('  ')}`);
}

const words = 'the port storm minister court market league energy vote health school bank rail'.split(' ');
const sentence = (seed: number, n: number): string =>
  Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(' ');
const stories: Story[] = Array.from({ length: 500 }, (_, id) =>
  testStory(id, {
    headline: sentence(id, 10),
    summary: `${sentence(id + 1, 60)}.`,
    entities: ['Example Person', 'Example Place'],
    sources: [testSource(id, { feedId: 1 + (id % 5), feedTitle: `Outlet ${id % 5}` })],
  }),
);
const subscription = testSubscription({ schedule: '0 8 * * *' });
// As large as a filter may be: a long alternation of words that never match, so every story is read in full.
const big = Array.from({ length: 12 }, (_, i) => `zz${i}[a-z]{3}q`).join('|');
const sets: [string, CompiledFilter[]][] = [
  ['none', []],
  ['1 word', [compiled('storm', false)]],
  [`${MAX_FILTERS} words`, Array.from({ length: MAX_FILTERS }, (_, i) => compiled(`word${i}`, false))],
  [
    `${MAX_FILTERS} large patterns`,
    Array.from({ length: MAX_FILTERS }, (_, i) =>
      compiled(`${big}|x${i}`, true, i % 2 === 0 ? null : 1 + (i % 5)),
    ),
  ],
];
console.log('\none digest of 500 candidate stories, ms (median of 5):');
for (const [name, filters] of sets) {
  const runs = Array.from({ length: 5 }, () =>
    time(() =>
      composeDigest({
        subscription,
        slot: 0,
        candidates: stories,
        mutes: [],
        topics: [],
        maxStories: 10,
        onlyTopic: null,
        feedCount: 5,
        filters,
        activeFeedIds: new Set([1, 2, 3, 4, 5]),
      }),
    ),
  ).sort((a, b) => a - b);
  console.log(`  ${name.padEnd(22)} ${(runs[2] ?? 0).toFixed(1)}`);
}
