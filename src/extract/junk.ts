/**
 * What is not the article in an extracted body: captions and credits, share and subscribe prompts,
 * "read more" and related-link lists, bylines and datelines, navigation crumbs, copyright lines.
 * Rules read one block at a time, plus how often the same text repeats on the page.
 */

import type { Block } from './blocks.js';

// Class or id fragments of containers that hold no article prose.
const JUNK_HINT =
  /(?:^|[\s_-])(?:caption|credit|byline|author-?(?:bio|info|box)|share|sharing|social|newsletter|subscribe|subscription|signup|related|recommend(?:ed|ations)?|promo|advert|ad-?slot|breadcrumbs?|tags|tag-?list|comments?|disclaimer|read-?more|more-?stories|outbrain|taboola)(?:$|[\s_-])/u;

// Openings of prompts and link teasers, in the languages the summariser knows.
const PROMPT =
  /^(?:read more|read next|read also|also read|related|see also|more from|more on|recommended|you may also like|you might also like|most popular|most read|trending|also on|also:|don'?t miss|watch:|listen:|click here|sign up|subscribe|follow us|follow @[\w.]+|follow (?:him|her|them) on|share (?:this|on|via)|join (?:our|the)|get (?:the|our) .{0,40}(?:newsletter|app)|download (?:the|our) app|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema|leer más|lee también|leggi anche|vedi anche|leia também|veja também)(?![\p{L}\p{N}])/iu;

const CREDIT_WORD =
  '(?:image|images|photo|photos|picture|pictures|video|credit|credits|illustration|graphic|source|foto|fotos|bild|bildquelle)(?: credit)?';
// A credit opens the block ("Photo: AP"), or closes a caption in brackets ("The plague doctor
// (Image: GETTY)"), or names a picture agency at the end.
const CREDIT = new RegExp(
  `^\\(?${CREDIT_WORD}\\s*(?::|©|\\/|by\\b)|\\(${CREDIT_WORD}\\s*[:©/][^()]{1,60}\\)$|(?:getty images|shutterstock|ap photo|afp\\/|reuters\\/|epa\\/|pa media|alamy|istock)[^.]{0,40}\\)?$`,
  'iu',
);
// Web addresses: a block that is mostly addresses is a link someone pasted, not prose.
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;

const DATELINE =
  /^(?:published|updated|posted|first published|last updated|last modified|modified|created|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)\b[^.]{0,80}$/iu;

const BYLINE =
  /^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor)\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’.-]*){0,5}\.?$/u;
const WIRE_BYLINE =
  /^[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3},\s+(?:AP|Associated Press|Reuters|AFP)\b[\w\s]{0,30}$/u;
const COPYRIGHT =
  /^(?:copyright|©|\(c\))|all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados/iu;
const MONTH =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/iu;
const MONTHS = new RegExp(MONTH.source, 'giu');
// Single words that are page furniture when they stand alone.
const FURNITURE =
  /^(?:advertisement|advertising|ad|sponsored|caption|close|share|tweet|email|print|comments?|home|news|menu|search|loading(?: content)?|skip to (?:main )?content|sign in|log in|subscribe|highlights|related news|text size|order reprints|print article|view author archive|email the author|read more|more|anzeige|publicité|publicidad|pubblicità|iklan)[\s.…:!]*$/iu;

const TOKEN = /\S+/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Words (whitespace-separated runs with a letter or digit) of a text, counted up to one past `cap`. */
export function wordsUpTo(text: string, cap = Number.POSITIVE_INFINITY): number {
  let words = 0;
  for (const [token] of text.matchAll(TOKEN)) if (WORDLIKE.test(token) && ++words > cap) break;
  return words;
}

/** The text as blocks are compared: lower case, words only. */
export function normalised(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** True for a block that is only dates and times, perhaps marked as published or updated. */
export function isDateOnly(text: string): boolean {
  const rest = text
    // Stamp words, glued to the date before them as some pages print them ("2019Updated:").
    .replace(/(?:first |last )?(?:published|updated|posted|modified)/giu, ' ')
    .replace(MONTHS, ' ')
    .replace(/\b(?:am|pm|gmt|utc|bst|est|edt|cet|cest|ist|amt|et|pt)\b|\b[ap]\.m\./giu, ' ')
    .replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/giu, ' ')
    .replace(/[\d\s.,:/|–—-]+/gu, ' ')
    .trim();
  return rest === '' && /\d/u.test(text);
}

/** Share of the text's characters inside web addresses. */
export function addressShare(text: string): number {
  let chars = 0;
  for (const [address] of text.matchAll(ADDRESS)) chars += address.length;
  return text.length === 0 ? 0 : chars / text.length;
}

/** True when a block is page furniture rather than article text. */
export function isJunkBlock(block: Block, title: string): boolean {
  const { text } = block;
  // Every rule below looks at blocks of at most this many words; a long paragraph is not counted out.
  const words = wordsUpTo(text, 40);
  if (words === 0) return true;
  if (block.inFigure) return true;
  if (JUNK_HINT.test(block.hints)) return true;
  const linkShare = block.linkChars / text.length;
  if (linkShare > 0.5 && (block.inList || words < 25)) return true;
  if (words <= 40 && PROMPT.test(text)) return true;
  if (words <= 30 && (CREDIT.test(text) || COPYRIGHT.test(text))) return true;
  if (words <= 16 && (DATELINE.test(text) || BYLINE.test(text) || WIRE_BYLINE.test(text) || isDateOnly(text)))
    return true;
  if (words <= 4 && FURNITURE.test(text)) return true;
  if (words <= 30 && addressShare(text) > 0.5) return true;
  if (/^h[1-6]$/u.test(block.tag) && title !== '' && normalised(text) === normalised(title)) return true;
  return /click to tweet$/iu.test(text);
}

/** Blocks whose exact text appears this often on the page are furniture: share bars, repeated captions. */
const REPEATED = 3;

/**
 * The article blocks: junk removed, a text repeated {@link REPEATED} times dropped, a repeat kept
 * once, and a block that says what a picture's description says (`imageTexts`, normalised): a
 * caption under the picture, whatever markup carries it.
 */
export function dropJunk(
  blocks: readonly Block[],
  title: string,
  imageTexts: ReadonlySet<string> = new Set(),
): Block[] {
  const keys = blocks.map((block) => normalised(block.text));
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const seen = new Set<string>();
  return blocks.filter((block, i) => {
    const key = keys[i] ?? '';
    if ((counts.get(key) ?? 0) >= REPEATED || seen.has(key) || imageTexts.has(key)) return false;
    seen.add(key);
    return !isJunkBlock(block, title);
  });
}
