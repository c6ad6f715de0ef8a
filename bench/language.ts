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

import { readdirSync, readFileSync } from 'node:fs';
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
import { CORPUS_DIR, hasCorpus, readJsonLines } from './lib/corpus.js';

interface Headline {
  readonly language: string;
  readonly title: string;
  readonly declared: boolean;
  /** The feed document it came from. */
  readonly feed: string;
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
    const seen = new Set<string>();
    for (const entry of parsed.value.entries) {
      const title = htmlToText(entry.title ?? '').trim();
      if (title === '' || seen.has(title)) continue;
      seen.add(title);
      out.push({ language, title, declared: true, feed: file });
    }
  }
  return out;
}

/** Every headline of each cluster day's outlet, the document its labelled headlines are read beside. */
const dayDocuments = new Map<string, string[]>();
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

/**
 * The Philippine outlets' items of the cluster days whose headline tells its language (two or more
 * Tagalog function words and fewer English ones, or two or more English ones and no Tagalog), each
 * with its outlet's day as its document: headline and text, as condensing reads them.
 */
function philippineItems(): { language: string; text: string; feedLanguage: string | null }[] {
  const dir = path.join(CORPUS_DIR, 'topics', 'cluster-dev-days');
  return readdirSync(dir).flatMap((f) => {
    const rows = readJsonLines<{ source: string; title: string; text: string }>(path.join(dir, f));
    return [...PHILIPPINE].flatMap((source) => {
      const own = rows.filter((row) => row.source === source);
      const feedLanguage = feedLanguageOf(own);
      return own.flatMap((row) => {
        const words = row.title.toLowerCase().match(/\p{L}+/gu) ?? [];
        const tagalog = words.filter((w) => TAGALOG.has(w)).length;
        const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
        const language =
          tagalog >= 2 && tagalog > english ? 'tl' : english >= 2 && tagalog === 0 ? 'en' : null;
        return language === null ? [] : [{ language, text: `${row.title}\n${row.text}`, feedLanguage }];
      });
    });
  });
}

function dayHeadlines(): Headline[] {
  const dir = path.join(CORPUS_DIR, 'topics', 'cluster-dev-days');
  return readdirSync(dir).flatMap((f) =>
    readJsonLines<{ source: string; title: string }>(path.join(dir, f)).flatMap((row): Headline[] => {
      const feed = `${f} ${row.source}`;
      dayDocuments.set(feed, [...(dayDocuments.get(feed) ?? []), row.title]);
      const words = row.title.toLowerCase().match(/\p{L}+/gu) ?? [];
      if (PHILIPPINE.has(row.source) && words.filter((w) => TAGALOG.has(w)).length >= 2)
        return [{ language: 'tl', title: row.title, declared: false, feed }];
      return ENGLISH.has(row.source) ? [{ language: 'en', title: row.title, declared: false, feed }] : [];
    }),
  );
}

if (!hasCorpus()) {
  console.log(`No corpus at ${CORPUS_DIR}: nothing to measure.`);
  process.exit(0);
}
const headlines = [...(await declaredHeadlines()), ...dayHeadlines()];
const cld = (await loadModule()).create(0, 1000);
const iso = (code: string): string => ISO1[code] ?? code.slice(0, 2);
const feedLanguages = new Map<string, string | null>();
for (const h of headlines) {
  if (feedLanguages.has(h.feed)) continue;
  const titles = dayDocuments.get(h.feed) ?? headlines.filter((o) => o.feed === h.feed).map((o) => o.title);
  feedLanguages.set(h.feed, feedLanguageOf(titles.map((title) => ({ title, text: '' }))));
}
const feedOf = new Map(headlines.map((h) => [h.title, h.feed]));
const withFeed = (t: string): string => detectLanguage(t, feedLanguages.get(feedOf.get(t) ?? '') ?? null);
const detectors: Record<string, (text: string) => string> = {
  'Gazette (ELD small, English when unsure)': (t) => detectLanguage(t),
  "Gazette beside the feed's language": withFeed,
  'eld large': (t) => eldLarge.detect(t).language,
  'eld medium': (t) => eldMedium.detect(t).language,
  'eld small': (t) => eldSmall.detect(t).language,
  'franc-min': (t) => iso(francMin(t, { minLength: 1 })),
  franc: (t) => iso(franc(t, { minLength: 1 })),
  'cld3-asm': (t) => iso(cld.findLanguage(t).language),
  tinyld: (t) => tinyld(t),
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
  const right = headlines.map((h) => detect(h.title) === h.language);
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
  const share = (list: readonly Headline[], detect: (t: string) => string): string =>
    `${((100 * list.filter((h) => detect(h.title) === h.language).length) / Math.max(list.length, 1)).toFixed(1)}%`;
  console.log(
    `\n${half === 0 ? 'feeds the margin was chosen on' : 'the other feeds'}: ${declaredHere.length} declared headlines, ` +
      `${share(declaredHere, (t) => detectLanguage(t))} alone, ${share(declaredHere, withFeed)} beside the feed's language; ` +
      `all ${picked.length}: ${share(picked, (t) => detectLanguage(t))} → ${share(picked, withFeed)}`,
  );
}

const philippine = philippineItems();
const rightShare = (read: (item: (typeof philippine)[number]) => string): string =>
  `${((100 * philippine.filter((item) => read(item) === item.language).length) / Math.max(philippine.length, 1)).toFixed(1)}%`;
console.log(
  `\nPhilippine outlets' items read with their text (${philippine.length}: ` +
    `${philippine.filter((i) => i.language === 'tl').length} Tagalog): ` +
    `${rightShare((i) => detectLanguage(i.text))} alone, ${rightShare((i) => detectLanguage(i.text, i.feedLanguage))} beside the feed's language`,
);
