import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/condense/summarize.js';
import { CORPUS_DIR, corpusAvailable } from './corpus.js';

const available = corpusAvailable('snippet summaries');

interface DayRow {
  readonly source: string;
  readonly title: string;
  readonly text: string;
}

// Real feed descriptions of three news days, YouTube channels included.
describe.skipIf(!available)('summaries of real feed descriptions', () => {
  const rows: DayRow[] = available
    ? ['2020-05-28', '2020-06-10', '2021-09-20'].flatMap((day) =>
        readFileSync(path.join(CORPUS_DIR, 'topics', 'cluster-dev-days', `${day}.jsonl`), 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as DayRow),
      )
    : [];

  it('leaves a summary empty only when the description has nothing but links, credits, the headline or a cut fragment', () => {
    const withText = rows.filter((row) => row.text.trim() !== '');
    const empty = withText.filter((row) => summarize({ title: row.title, text: row.text }).text === '');
    console.log(`${empty.length} of ${withText.length} descriptions with text have an empty summary`);
    // Measured: 62 of 2,642, 20 of them a channel's list of links, 20 a line that only announces
    // links ("…click the link below:"), 4 a pronoun leaning on a sentence too short to show, and
    // 14 one sentence the publisher cut off before any whole clause ended.
    expect(empty.length / withText.length).toBeLessThan(0.025);
  });

  it('never carries links, hashtags, video credits, channel invitations or a publisher’s cut', () => {
    for (const row of rows) {
      const { text } = summarize({ title: row.title, text: row.text });
      const where = `${row.source}: ${row.title}`;
      expect(text, where).not.toMatch(/https?:\/\/|www\.|(?:^|\s)#\w+\s+#\w+/u);
      expect(text, where).not.toMatch(/['’]s? [A-Z][\w.-]+(?: [A-Z][\w.-]+)* reports? from /u);
      expect(text, where).not.toMatch(/(?:^|\. )(?:Subscribe|Join|Follow|Watch|Visit) /u);
      expect(text, where).not.toMatch(/\s(?:\.{3}|…)$/u);
    }
  });
});
