/**
 * Language identification with ELD (Nito-ELD, its "small" n-gram database: 60 languages). Chosen
 * over franc, franc-min, tinyld and cld3-asm by `npm run bench -- language`, on headlines.
 */

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The part of ELD's detector Gazette uses. */
interface Detector {
  detect(text: string): { language: string; isReliable(): boolean };
}

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

/** ISO 639-1 code of the text's language; `fallback` ('en') when the text gives too little to be sure. */
export function detectLanguage(text: string, fallback = FALLBACK): string {
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  if (!UNSPACED.test(sample) && !hasWords(sample, MIN_WORDS)) return fallback;
  const result = eld().detect(sample);
  // Unreliable means too little text or a near tie: a headline of names and numbers is no
  // evidence for a language, and most news feeds are in English.
  if (!result.isReliable() || !KNOWN.test(result.language)) return fallback;
  return result.language;
}

function hasWords(text: string, count: number): boolean {
  WORD.lastIndex = 0;
  for (let n = 0; n < count; n++) if (WORD.exec(text) === null) return false;
  return true;
}
