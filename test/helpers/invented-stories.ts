import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One row of the invented story set (test/fixtures/stories/labelled-stories.jsonl). */
export interface InventedRow {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  readonly title: string;
  readonly text: string;
  readonly published: string;
  readonly story: string;
}

/** The invented story set's rows, in file order. */
export function inventedStories(): InventedRow[] {
  return readFileSync(path.resolve(import.meta.dirname, '../fixtures/stories/labelled-stories.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as InventedRow);
}
