/**
 * Language identification with ELD (Nito-ELD, its "small" n-gram database: 60 languages). Chosen
 * over franc, franc-min, tinyld and cld3-asm by `npm run bench -- language`, on headlines.
 */

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The part of ELD's detector Gazette uses. */
interface Detector {
  detect(text: string): {
    language: string;
    isReliable(): boolean;
    /** Every candidate language's score, 0 to 1. */
    getScores(): Record<string, number>;
  };
  /** What the loaded database holds: its languages by index. */
  info(): { Languages: Record<string, string> };
}

/** Languages that capitalise every noun: there a capital letter says neither "name" nor "sentence start". */
export const NOUNS_CAPITALISED: ReadonlySet<string> = new Set(['de', 'lb']);

let detector: Detector | null = null;

// ELD's n-gram table takes a second or more to load: it is read on the first detection, so a
// process that never detects a language (an OPML import, the tests of other parts) never pays.
function eld(): Detector {
  if (detector === null) {
    const entry = fileURLToPath(import.meta.resolve('eld/small'));
    detector = (createRequire(import.meta.url)(entry) as { eld: Detector }).eld;
  }
  return detector;
}

/**
 * Loads the detector now: a long-running process calls this while it starts, so the load never
 * falls in the middle of a condense pass, where it would hold up every timer and command.
 */
export function loadLanguageDetector(): void {
  eld();
}

const FALLBACK = 'en';
// Enough to decide on a long article; more only costs time.
const MAX_CHARS = 2000;
const KNOWN = /^[a-z]{2}$/u;
// Two words, mostly names ("Volkswagen ID.4"), say nothing of a language.
const MIN_WORDS = 3;
const WORD = /\p{L}{2,}/gu;
// Scripts written without spaces between words carry a language in a few characters.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}]/u;

/**
 * How far below the likeliest language (ELD's score, 0 to 1) the feed's own language may score and
 * still be chosen. A feed is written in one language or two: a short headline whose scores nearly
 * tie ("NASA's Cassini probe sends back images of Titan": Tagalog 0.658, English 0.653) is read in
 * the feed's. Chosen with the fewest errors on half of the corpus's real feeds together with the
 * mixed Tagalog and English Philippine outlets' items read as condensing reads them (a wider margin
 * reads their Tagalog items as English): `npm run bench -- language`.
 */
const FEED_MARGIN = 0.08;
/** Items a feed document needs before their languages name the feed's. */
const FEED_MIN_ITEMS = 5;
/** Share of those items one language needs to be the feed's. */
const FEED_MIN_SHARE = 0.6;
/** Items of a document read to name its language, and characters of each: enough to vote, little to read. */
const FEED_SAMPLE = 20;
const FEED_TEXT_CHARS = 300;

/**
 * ISO 639-1 code of the text's language. `feed` is the language of the feed the text came from
 * (see {@link feedLanguageOf}): it decides near ties and texts that say too little; without it,
 * English.
 */
export function detectLanguage(text: string, feed: string | null = null): string {
  // Read back from storage: anything but a two-letter code says nothing.
  const feedLanguage = feed !== null && KNOWN.test(feed) ? feed : null;
  const fallback = feedLanguage ?? FALLBACK;
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const byScript = scriptLanguage(sample);
  // A feed may name another language of the script (Dzongkha in Tibetan letters, Shan in Burmese).
  if (byScript !== null) return feedLanguage !== null && !eldKnows(feedLanguage) ? feedLanguage : byScript;
  if (!UNSPACED.test(sample) && !hasWords(sample, MIN_WORDS)) return fallback;
  const result = eld().detect(sample);
  // Unreliable means too little text or a near tie: a headline of names and numbers is no
  // evidence for a language, so its feed's stands, or English, which most news feeds are in.
  if (!result.isReliable() || !KNOWN.test(result.language)) return fallback;
  if (feedLanguage === null || feedLanguage === result.language) return result.language;
  const scores = result.getScores();
  const top = scores[result.language] ?? 0;
  return (scores[feedLanguage] ?? 0) >= top - FEED_MARGIN ? feedLanguage : result.language;
}

/**
 * The language most of a feed document's items are in (headline and opening), when enough of them
 * agree; null for a document too short or too mixed to say.
 */
export function feedLanguageOf(
  items: readonly { readonly title: string | null; readonly text: string }[],
): string | null {
  const sample = items.slice(0, FEED_SAMPLE);
  if (sample.length < FEED_MIN_ITEMS) return null;
  const votes = new Map<string, number>();
  for (const item of sample) {
    const language = detectLanguage(`${item.title ?? ''}\n${item.text}`.slice(0, FEED_TEXT_CHARS));
    votes.set(language, (votes.get(language) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [language, count] of votes) {
    if (count > most || (count === most && best !== null && language < best))
      [best, most] = [language, count];
  }
  return most >= FEED_MIN_SHARE * sample.length ? best : null;
}

/**
 * Scripts ELD has no n-grams for, each named by the language most written in it (a feed may say it
 * is another): without this, Khmer or Burmese text was "unreliable" and read as the fallback,
 * English, so a Khmer post counted as an English telling and was read with English words.
 */
const SCRIPT_LANGUAGES: readonly (readonly [RegExp, string])[] = [
  [/[\p{Script=Khmer}]/gu, 'km'],
  [/[\p{Script=Myanmar}]/gu, 'my'],
  [/[\p{Script=Mongolian}]/gu, 'mn'],
  [/[\p{Script=Tibetan}]/gu, 'bo'],
  [/[\p{Script=Sinhala}]/gu, 'si'],
  [/[\p{Script=Thaana}]/gu, 'dv'],
];
const LETTERS = /[\p{L}\p{M}]/gu;
// One scan that nearly every text fails, before the count of each script's letters.
const ANY_SUCH_SCRIPT = new RegExp(SCRIPT_LANGUAGES.map(([script]) => script.source).join('|'), 'u');

/** The language of such a script when at least half of the text's letters are in it; else null. */
function scriptLanguage(text: string): string | null {
  if (!ANY_SUCH_SCRIPT.test(text)) return null;
  let letters = -1;
  for (const [script, language] of SCRIPT_LANGUAGES) {
    const inScript = text.match(script)?.length ?? 0;
    if (inScript === 0) continue;
    if (letters < 0) letters = text.match(LETTERS)?.length ?? 0;
    if (2 * inScript >= letters) return language;
  }
  return null;
}

let eldLanguages: ReadonlySet<string> | null = null;

/** Whether ELD has n-grams for the language: if so, text in it is not in a script ELD lacks. */
function eldKnows(language: string): boolean {
  eldLanguages ??= new Set(Object.values(eld().info().Languages));
  return eldLanguages.has(language);
}

function hasWords(text: string, count: number): boolean {
  WORD.lastIndex = 0;
  for (let n = 0; n < count; n++) if (WORD.exec(text) === null) return false;
  return true;
}
