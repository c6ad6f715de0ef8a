import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripBoilerplate } from '../../src/condense/boilerplate.js';
import { splitSentences } from '../../src/condense/sentences.js';
import { summarize } from '../../src/condense/summarize.js';
import { parseFeed } from '../../src/ingest/parse-feed.js';
import { normalizeEntries } from '../../src/ingest/normalize.js';
import { CORPUS_DIR, corpusAvailable } from './corpus.js';
import { danglingOpener } from './dangling.js';

interface Case {
  readonly language: string;
  readonly text: string;
  readonly expected: readonly string[];
}

const cases = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../fixtures/sentences/cases.json'), 'utf8'),
) as Case[];

describe('sentences in German, French and Spanish', () => {
  for (const c of cases) {
    it(`${c.language}: ${c.text.slice(0, 50)}…`, () => {
      expect(splitSentences(c.text, c.language)).toEqual(c.expected);
    });
  }
});

describe('junk and summaries in German, French and Spanish', () => {
  it('drops "read also" lines and keeps the prose around them', () => {
    const texts: Record<string, string> = {
      fr: 'Le conseil municipal a voté la fermeture du quai nord.\n\nLire aussi | La tempête vue du ciel\n\nLes travaux dureront deux ans, selon la mairie.',
      de: 'Der Stadtrat hat die Schließung des Nordkais beschlossen.\n\nLesen Sie auch: Der Sturm aus der Luft\n\nDie Arbeiten dauern zwei Jahre, teilte die Stadt mit.',
      es: 'El pleno municipal aprobó el cierre del muelle norte.\n\nLeer más: La tormenta vista desde el aire\n\nLas obras durarán dos años, según el ayuntamiento.',
    };
    for (const [language, text] of Object.entries(texts)) {
      const kept = stripBoilerplate(text, language);
      expect(kept, language).not.toMatch(/Lire aussi|Lesen Sie auch|Leer más/u);
      expect(kept.split('\n\n'), language).toHaveLength(2);
    }
  });

  it('summarises with the speaker kept and no dangling opener', () => {
    const article = {
      title: 'Los sindicatos convocan huelga en el puerto',
      text: 'Los sindicatos CC. OO. y UGT convocaron el lunes una huelga de estibadores en el puerto de Valencia. «No aceptaremos más despidos», dijo la portavoz de CC. OO., Marta Ruiz. Ella pidió una reunión urgente con la autoridad portuaria. La patronal no ha respondido.',
    };
    const summary = summarize(article);
    expect(summary.language).toBe('es');
    expect(summary.sentences[0]).toBe(
      'Los sindicatos CC. OO. y UGT convocaron el lunes una huelga de estibadores en el puerto de Valencia.',
    );
    expect(danglingOpener(summary.text, 'es')).toBeNull();
    for (const sentence of summary.sentences) if (sentence.startsWith('«')) expect(sentence).toMatch(/dijo/u);
  });
});

const available = corpusAvailable('German feed text');

// A real German blog feed of the corpus with full text (rsparser's test feeds, MIT; text © its author).
describe.skipIf(!available)('a real German feed with full text', () => {
  it('splits, cleans and summarises every item without cutting at z. B. or a date', async () => {
    const file = path.join(
      CORPUS_DIR,
      'feeds',
      'rsparser',
      'Tests',
      'RSParserTests',
      'Resources',
      '3960.json',
    );
    const parsed = await parseFeed(readFileSync(file, 'utf8'));
    if (!parsed.ok) throw new Error('the corpus feed should parse');
    const items = normalizeEntries(parsed.value, {
      feedUrl: 'https://journal.3960.org/',
      now: Date.UTC(2020, 2, 1),
    });
    const long = items.filter((item) => item.text.length > 400);
    expect(long.length).toBeGreaterThan(5);
    for (const item of long) {
      const sentences = splitSentences(stripBoilerplate(item.text, 'de'), 'de');
      sentences.forEach((sentence, i) => {
        expect(sentence, item.title ?? '').not.toMatch(/\bz\.\s?B\.$/u);
        // "am 09. Januar": an ordinal before a month never ends a sentence.
        if (/\b\d{1,2}\.$/u.test(sentence))
          expect(sentences[i + 1] ?? '', item.title ?? '').not.toMatch(
            /^(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b/u,
          );
      });
      const summary = summarize({ title: item.title, text: item.text });
      expect(summary.language, item.title ?? '').toBe('de');
      expect(summary.text.length).toBeLessThanOrEqual(400);
      expect(danglingOpener(summary.text, 'de'), summary.text).toBeNull();
    }
  });
});
