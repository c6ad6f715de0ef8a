/**
 * `npm run bench -- language`: language identification on headlines, for the libraries Gazette
 * could use. Headlines come from the corpus's real feeds that declare their language (`<language>`,
 * `<dc:language>` or Atom `xml:lang`), plus Tagalog and English headlines of the cluster days
 * (Philippine outlets' headlines with two or more Tagalog function words; English outlets').
 *
 * Gazette also reads each headline beside its feed's language (`feedLanguageOf` over the document's
 * first items, the headline among them, as a poll does; a cluster day's outlet is one document).
 * Its margin was chosen on the feeds of one half (by a hash of the feed's name) together with the
 * Philippine outlets' items read with their text, as condensing reads them (their language told by
 * the headline's function words), and is reported on both halves.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModule } from 'cld3-asm';
import { eld as eldLarge } from 'eld/large';
import { eld as eldMedium } from 'eld/medium';
import { eld as eldSmall } from 'eld/small';
import { franc } from 'franc';
import { franc as francMin } from 'franc-min';
import { detect as tinyld } from 'tinyld';
import { detectLanguage, feedLanguageOf } from '../src/condense/language.js';
import { decodeBody } from '../src/ingest/decode.js';
import { htmlToText } from '../src/ingest/html-text.js';
import { parseFeed } from '../src/ingest/parse-feed.js';
import { clusterDayDocuments, CORPUS_DIR, hasCorpus } from './lib/corpus.js';

interface Headline {
  readonly language: string;
  readonly title: string;
  readonly declared: boolean;
  /** The feed document it came from, and the language `feedLanguageOf` names for that document. */
  readonly feed: string;
  readonly feedLanguage: string | null;
}

const DECLARED =
  /<(?:dc:)?language>\s*([a-z]{2})\b[^<]*<\/(?:dc:)?language>|<feed[^>]*\sxml:lang="([a-z]{2})\b/iu;
const TAGALOG = new Set(['ng', 'mga', 'ang', 'sa', 'si', 'na', 'nang', 'ay', 'kay']);
const PHILIPPINE = new Set(['ABS-CBN News', 'GMA News', 'GMA News (YouTube)', 'Philstar']);
const ENGLISH = new Set(['BBC News', 'CNN', 'The New York Times', 'Fox News', 'Wall Street Journal', 'RNZ']);
// ISO 639-3 (franc) and cld3's codes to ISO 639-1.
const ISO1: Readonly<Record<string, string>> = {
  eng: 'en',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  tgl: 'tl',
  slk: 'sk',
  cmn: 'zh',
  nld: 'nl',
  pol: 'pl',
  jpn: 'ja',
  swe: 'sv',
  dan: 'da',
  nob: 'no',
  fil: 'tl',
};

async function declaredHeadlines(): Promise<Headline[]> {
  const dir = path.join(CORPUS_DIR, 'feeds');
  const rows = readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  const out: Headline[] = [];
  for (const row of rows) {
    const [file, , , , , , , , , , realWorld] = row.split('\t');
    if (file === undefined || realWorld?.startsWith('yes') !== true) continue;
    const text = decodeBody(readFileSync(path.join(dir, file)), null);
    const match = DECLARED.exec(text);
    const language = (match?.[1] ?? match?.[2])?.toLowerCase();
    const parsed = await parseFeed(text);
    if (language === undefined || !parsed.ok) continue;
    const titles = [
      ...new Set(parsed.value.entries.map((entry) => htmlToText(entry.title ?? '').trim())),
    ].filter((title) => title !== '');
    const feedLanguage = feedLanguageOf(titles.map((title) => ({ title, text: '' })));
    for (const title of titles) out.push({ language, title, declared: true, feed: file, feedLanguage });
  }
  return out;
}

const ENGLISH_WORDS = new Set([
  'the',
  'of',
  'and',
  'to',
  'in',
  'is',
  'for',
  'on',
  'with',
  'was',
  'are',
  'has',
]);

function countIn(title: string, words: ReadonlySet<string>): number {
  return (title.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => words.has(w)).length;
}

/** Philippine outlets' headlines with two or more Tagalog function words; English outlets'. */
function dayHeadlines(documents: ReturnType<typeof clusterDayDocuments>): Headline[] {
  return documents.flatMap(({ feed, items, feedLanguage }) =>
    items.flatMap((row): Headline[] => {
      const base = { title: row.title, declared: false, feed, feedLanguage };
      if (PHILIPPINE.has(row.source) && countIn(row.title, TAGALOG) >= 2)
        return [{ ...base, language: 'tl' }];
      return ENGLISH.has(row.source) ? [{ ...base, language: 'en' }] : [];
    }),
  );
}

/**
 * The Philippine outlets' items whose headline tells its language (two or more Tagalog function
 * words and fewer English ones, or two or more English ones and no Tagalog), read with their text,
 * as condensing reads them.
 */
function philippineItems(
  documents: ReturnType<typeof clusterDayDocuments>,
): { language: string; text: string; feedLanguage: string | null }[] {
  return documents.flatMap(({ items, feedLanguage }) =>
    items.flatMap((row) => {
      if (!PHILIPPINE.has(row.source)) return [];
      const tagalog = countIn(row.title, TAGALOG);
      const english = countIn(row.title, ENGLISH_WORDS);
      const language = tagalog >= 2 && tagalog > english ? 'tl' : english >= 2 && tagalog === 0 ? 'en' : null;
      return language === null ? [] : [{ language, text: `${row.title}\n${row.text}`, feedLanguage }];
    }),
  );
}

/** Share of `list` for which `ok` holds, as a percentage. */
function percent<T>(list: readonly T[], ok: (item: T) => boolean): string {
  return `${((100 * list.filter(ok).length) / Math.max(list.length, 1)).toFixed(1)}%`;
}

if (!hasCorpus()) {
  console.log(`No corpus at ${CORPUS_DIR}: nothing to measure.`);
  process.exit(0);
}
const days = clusterDayDocuments();
const headlines = [...(await declaredHeadlines()), ...dayHeadlines(days)];
const cld = (await loadModule()).create(0, 1000);
const iso = (code: string): string => ISO1[code] ?? code.slice(0, 2);
const alone = (h: Headline): string => detectLanguage(h.title);
const withFeed = (h: Headline): string => detectLanguage(h.title, h.feedLanguage);
const detectors: Record<string, (h: Headline) => string> = {
  'Gazette (ELD small, English when unsure)': alone,
  "Gazette beside the feed's language": withFeed,
  'eld large': (h) => eldLarge.detect(h.title).language,
  'eld medium': (h) => eldMedium.detect(h.title).language,
  'eld small': (h) => eldSmall.detect(h.title).language,
  'franc-min': (h) => iso(francMin(h.title, { minLength: 1 })),
  franc: (h) => iso(franc(h.title, { minLength: 1 })),
  'cld3-asm': (h) => iso(cld.findLanguage(h.title).language),
  tinyld: (h) => tinyld(h.title),
};
const languages = [...new Set(headlines.map((h) => h.language))].sort();
const declared = headlines.filter((h) => h.declared);
console.log(
  `${declared.length} headlines of feeds that declare their language, ${headlines.length - declared.length} of the cluster days; ` +
    languages.map((l) => `${l} ${headlines.filter((h) => h.language === l).length}`).join(', '),
);
console.log(`\n| detector | declared feeds | all | ${languages.join(' | ')} | headlines/s |`);
console.log(`|---|---|---|${languages.map(() => '---|').join('')}---|`);
for (const [name, detect] of Object.entries(detectors)) {
  const started = performance.now();
  const right = headlines.map((h) => detect(h) === h.language);
  const seconds = (performance.now() - started) / 1000;
  const share = (keep: (h: Headline) => boolean): string => {
    const picked = headlines.map((h, i) => [h, right[i]] as const).filter(([h]) => keep(h));
    return `${((100 * picked.filter(([, ok]) => ok).length) / Math.max(picked.length, 1)).toFixed(1)}%`;
  };
  const perLanguage = languages.map((l) => share((h) => h.language === l));
  console.log(
    `| ${name} | ${share((h) => h.declared)} | ${share(() => true)} | ${perLanguage.join(' | ')} | ${Math.round(headlines.length / seconds)} |`,
  );
}

/** The half of the feeds a feed falls in, by a hash of its name. */
function halfOf(feed: string): number {
  let hash = 0;
  for (const c of feed) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) % 1_000_003;
  return hash % 2;
}
for (const half of [0, 1]) {
  const picked = headlines.filter((h) => halfOf(h.feed) === half);
  const declaredHere = picked.filter((h) => h.declared);
  const right = (read: (h: Headline) => string) => (h: Headline) => read(h) === h.language;
  console.log(
    `\n${half === 0 ? 'feeds the margin was chosen on' : 'the other feeds'}: ${declaredHere.length} declared headlines, ` +
      `${percent(declaredHere, right(alone))} alone, ${percent(declaredHere, right(withFeed))} beside the feed's language; ` +
      `all ${picked.length}: ${percent(picked, right(alone))} → ${percent(picked, right(withFeed))}`,
  );
}

const philippine = philippineItems(days);
console.log(
  `\nPhilippine outlets' items read with their text (${philippine.length}: ` +
    `${philippine.filter((i) => i.language === 'tl').length} Tagalog): ` +
    `${percent(philippine, (i) => detectLanguage(i.text) === i.language)} alone, ` +
    `${percent(philippine, (i) => detectLanguage(i.text, i.feedLanguage) === i.language)} beside the feed's language`,
);
