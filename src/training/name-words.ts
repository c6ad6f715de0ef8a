/**
 * Counts how English news prose writes each word where the capital letter is a choice: inside a
 * sentence, not at its start, not after a colon, dash, bar or quote (which open a sentence of
 * their own in headlines), and not in a title-case or all-capitals line. A word capitalised there
 * nearly every time is a name.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bareWord, isTitleCase, sentenceTokens, visitTokens } from '../condense/entities.js';
import { detectLanguage } from '../condense/language.js';
import { splitSentences } from '../condense/sentences.js';
import { readLabelledItems, realFeeds } from './corpus.js';

/** Uses of one word: capitalised and lower case, inside sentences. */
export interface WordCase {
  capitalised: number;
  lower: number;
}

/** What makes a word a name: enough uses inside sentences, and nearly all of them capitalised. */
export interface NameRule {
  readonly minUses: number;
  readonly minCapitalisedShare: number;
}

/**
 * Two uses, because the rare names (a candidate, a storm) are the ones that tell one event from
 * another; four in five capitalised, because a name is occasionally quoted in lower case and a
 * common word is capitalised in a heading that the title-case test misses.
 */
export const NAME_RULE: NameRule = { minUses: 2, minCapitalisedShare: 0.8 };

/** Adds the uses of words in `text` to `counts`. */
export function countWordCase(text: string, counts: Map<string, WordCase>): void {
  for (const sentence of splitSentences(text, 'en')) {
    if (isTitleCase(sentence)) continue;
    visitTokens(sentenceTokens(sentence), (raw, opensSentence) => {
      if (opensSentence || !/^\p{L}/u.test(raw)) return;
      const word = bareWord(raw);
      // All capitals is an acronym or a shout: neither says how the word is written in prose. The
      // pronoun "I" and its contractions are capitalised by the language, not as names.
      if (word.length < 2 || word === word.toUpperCase() || /^I['’]/u.test(word)) return;
      const key = word.toLowerCase();
      let uses = counts.get(key);
      if (uses === undefined) {
        uses = { capitalised: 0, lower: 0 };
        counts.set(key, uses);
      }
      if (/^\p{Lu}/u.test(word)) uses.capitalised++;
      else if (/^\p{Ll}/u.test(word)) uses.lower++;
    });
  }
}

/** The words the counts call names under `rule`. */
export function nameWordsOf(counts: ReadonlyMap<string, WordCase>, rule: NameRule = NAME_RULE): string[] {
  const out: string[] = [];
  for (const [word, uses] of counts) {
    const total = uses.capitalised + uses.lower;
    if (total >= rule.minUses && uses.capitalised >= rule.minCapitalisedShare * total) out.push(word);
  }
  return out;
}

/** The name words of a corpus, with what they were counted from. */
export interface CorpusNameWords {
  readonly names: string[];
  /** Words counted inside sentences. */
  readonly counted: number;
  /** Texts read, by source. */
  readonly texts: Readonly<Record<string, number>>;
}

/**
 * Counts the English text of the shared corpus at `corpus`: headlines and descriptions of the topic
 * corpus and of the real feeds, CNN/Daily Mail articles and article pages' true text.
 */
export async function corpusNameWords(corpus: string, rule: NameRule = NAME_RULE): Promise<CorpusNameWords> {
  const counts = new Map<string, WordCase>();
  const texts: Record<string, number> = {};
  const add = (source: string, text: string): void => {
    countWordCase(text, counts);
    texts[source] = (texts[source] ?? 0) + 1;
  };
  for (const item of readLabelledItems(path.join(corpus, 'topics', 'topics-train.jsonl.gz'))) {
    add('topic corpus items', item.title);
    add('topic corpus items', item.text);
  }
  for (const line of readFileSync(path.join(corpus, 'summaries', 'cnndm-dev.jsonl'), 'utf8').split('\n'))
    if (line.trim() !== '') add('CNN/Daily Mail articles', (JSON.parse(line) as { article: string }).article);
  const pages = JSON.parse(
    readFileSync(path.join(corpus, 'extraction', 'ground-truth.json'), 'utf8'),
  ) as Record<string, { articleBody?: string }>;
  for (const page of Object.values(pages))
    if (page.articleBody !== undefined) add('article pages', page.articleBody);
  for await (const { feed } of realFeeds(path.join(corpus, 'feeds'))) {
    for (const item of feed.items) {
      const title = item.title ?? '';
      if (detectLanguage(`${title}\n${item.text.slice(0, 500)}`) !== 'en') continue;
      add('real feed items', title);
      add('real feed items', item.text);
    }
  }
  return { names: nameWordsOf(counts, rule), counted: counts.size, texts };
}
