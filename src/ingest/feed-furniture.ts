/**
 * Furniture of one feed document: text its items repeat word for word (a channel's "Subscribe to…
 * Visit our website…" paragraph, a show name after "|" in every title). It is found from the
 * document's own structure, never from a word list: a run of words shared by many items of one
 * feed says nothing about any one of them.
 */

/** Words in a shingle: long enough that a shared one is copied text, not a shared phrase. */
const SHINGLE = 6;
/** A shingle or title segment is furniture when at least this many items of the document share it… */
const MIN_ITEMS = 3;
/** …and at least this share of them. */
const MIN_SHARE = 0.3;
/** Only so much of each text is looked at: furniture sits in the first few thousand characters. */
const SCAN_CHARS = 8_000;
/**
 * Characters of one document looked at in all: a feed of a few dozen items is read as above, and
 * one of thousands of long items costs no more than that (the scan runs in one turn of the event
 * loop), each item then read less far.
 */
const DOCUMENT_SCAN_CHARS = 400_000;
// Segments are trimmed where they are read, so the bar is matched alone.
const TITLE_SEPARATOR = /[|｜]/u;

/** What furniture stripping reads and rewrites of an item. */
export interface FurnishedItem {
  readonly title: string | null;
  readonly text: string;
}

interface Word {
  readonly start: number;
  readonly end: number;
  readonly folded: string;
}

// \S+ never backtracks into itself: one linear pass over the text.
const WORD = /\S+/gu;

function wordsOf(text: string, scanChars: number): Word[] {
  const out: Word[] = [];
  for (const match of text.slice(0, scanChars).matchAll(WORD)) {
    out.push({ start: match.index, end: match.index + match[0].length, folded: match[0].toLowerCase() });
  }
  return out;
}

function shingleAt(words: readonly Word[], i: number): string {
  let key = '';
  for (let k = i; k < i + SHINGLE; k++) key += `${words[k]?.folded ?? ''}\u0000`;
  return key;
}

function threshold(items: number, share: number): number {
  return Math.max(MIN_ITEMS, Math.ceil(items * share));
}

/** Counts, for each key, how many items hold it at least once. */
function itemCounts(keysPerItem: readonly ReadonlySet<string>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const keys of keysPerItem) for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Covered runs shorter than this stay: a shared dateline or sign-off is for other steps to judge. */
const MIN_RUN = 8;

/**
 * Drops furniture: a run at the very start is cut off, and the first run after the item's own words
 * ends the text, since what a channel appends after its description is more of the same.
 */
function stripText(
  text: string,
  words: readonly Word[],
  furniture: ReadonlySet<string>,
  scanChars: number,
): string {
  if (words.length < SHINGLE) return text;
  const covered = new Uint8Array(words.length);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    if (furniture.has(shingleAt(words, i))) covered.fill(1, i, i + SHINGLE);
  }
  let from = 0;
  let to = words.length;
  for (let i = 0; i < words.length;) {
    if (covered[i] === 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < words.length && covered[end] === 1) end++;
    if (end - i >= MIN_RUN) {
      if (i === from) from = end;
      else {
        to = i;
        break;
      }
    }
    i = end;
  }
  if (from === 0 && to === words.length) return text;
  from = sentenceAfter(text, words, from, to);
  if (from >= to) return '';
  const head = text.slice(words[from]?.start ?? 0, words[to - 1]?.end ?? 0);
  // Beyond the scanned part nothing was judged: it stays unless the text was cut before it.
  const tail = to === words.length && text.length > scanChars ? text.slice(words[to - 1]?.end ?? 0) : '';
  return `${head}${tail}`.trim();
}

/** A word that ends a sentence: its stop, then perhaps a closing quote or bracket. */
const SENTENCE_END = /[.!?…][\p{Pf}"')\]]*$/u;
/** Words after a cut that are a stub of the furniture's sentence even when capitalised ("Monday morning."). */
const STUB_WORDS = 4;

/**
 * Where the item's own words start once furniture opened it. A run cut off mid-sentence ("Five
 * things you need to know about the coronavirus | outbreak this evening.") leaves a stub that says
 * nothing; the rest of that sentence goes with it. It is mid-sentence when the run ends without a
 * stop and what follows goes on in lower case or ends within a few words.
 */
function sentenceAfter(text: string, words: readonly Word[], from: number, to: number): number {
  const wordAt = (i: number): string => {
    const word = words[i];
    return word === undefined ? '' : text.slice(word.start, word.end);
  };
  if (from === 0 || from >= to || SENTENCE_END.test(wordAt(from - 1))) return from;
  let end = from;
  while (end < to && !SENTENCE_END.test(wordAt(end))) end++;
  const continues = /^\p{Ll}/u.test(wordAt(from)) || end - from < STUB_WORDS;
  return continues ? end + 1 : from;
}

function titleSegments(title: string | null): string[] {
  return title === null ? [] : title.split(TITLE_SEPARATOR);
}

function stripTitle(title: string | null, furniture: ReadonlySet<string>): string | null {
  const segments = titleSegments(title);
  if (segments.length < 2) return title;
  // The first segment is the headline itself; only what follows a separator can be a show's name.
  const kept = segments.filter((segment, i) => i === 0 || !furniture.has(segment.trim().toLowerCase()));
  return kept.length === segments.length ? title : kept.map((segment) => segment.trim()).join(' | ');
}

/** Lower-cased words of three letters or more: what two headlines about one event share. */
function titleWords(title: string | null): Set<string> {
  const out = new Set<string>();
  for (const match of (title ?? '').toLowerCase().matchAll(/[\p{L}\p{N}]{3,}/gu)) out.add(match[0]);
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Items whose headlines share this little are about different things. */
const DIFFERENT_STORIES = 0.2;
/** Headlines compared per group at most: enough to tell a channel's text from one event's. */
const SAMPLE = 12;

/**
 * Shingles held by enough items whose headlines differ: copied text that is not about one event.
 * Three items of one event quoting the same sentence keep it; a channel's description goes.
 */
function sharedAcrossStories(
  words: readonly (readonly Word[])[],
  items: readonly FurnishedItem[],
): Set<string> {
  const holders = new Map<string, number[]>();
  words.forEach((list, item) => {
    const seen = new Set<string>();
    for (let i = 0; i + SHINGLE <= list.length; i++) {
      const key = shingleAt(list, i);
      if (seen.has(key)) continue;
      seen.add(key);
      const held = holders.get(key);
      if (held === undefined) holders.set(key, [item]);
      else held.push(item);
    }
  });
  const needed = threshold(items.length, 0);
  const verdicts = new Map<string, boolean>();
  const titles = items.map((item) => titleWords(item.title));
  const furniture = new Set<string>();
  for (const [key, held] of holders) {
    if (held.length < needed) continue;
    const group = held.join(',');
    let verdict = verdicts.get(group);
    if (verdict === undefined) {
      verdict =
        meanSimilarity(held.slice(0, SAMPLE).map((i) => titles[i] ?? new Set<string>())) < DIFFERENT_STORIES;
      verdicts.set(group, verdict);
    }
    if (verdict) furniture.add(key);
  }
  return furniture;
}

function meanSimilarity(sets: readonly ReadonlySet<string>[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      sum += jaccard(sets[i] ?? new Set(), sets[j] ?? new Set());
      pairs++;
    }
  return pairs === 0 ? 0 : sum / pairs;
}

/**
 * The items with their document's furniture removed: runs of six or more words found in at least
 * three items and 30% of them, and title segments after a "|" shared as widely. A document of fewer
 * than three items has none. Linear in the text read.
 */
export function stripFeedFurniture<T extends FurnishedItem>(items: readonly T[]): T[] {
  if (items.length < MIN_ITEMS) return [...items];
  const needed = threshold(items.length, MIN_SHARE);
  const scanChars = Math.min(SCAN_CHARS, Math.floor(DOCUMENT_SCAN_CHARS / items.length));
  const words = items.map((item) => wordsOf(item.text, scanChars));
  const furniture = sharedAcrossStories(words, items);
  const segmentCounts = itemCounts(
    items.map(
      (item) =>
        new Set(
          titleSegments(item.title)
            .slice(1)
            .map((s) => s.trim().toLowerCase()),
        ),
    ),
  );
  const titleFurniture = new Set([...segmentCounts].filter(([, n]) => n >= needed).map(([key]) => key));
  if (furniture.size === 0 && titleFurniture.size === 0) return [...items];
  return items.map((item, i) => ({
    ...item,
    title: stripTitle(item.title, titleFurniture),
    text: furniture.size === 0 ? item.text : stripText(item.text, words[i] ?? [], furniture, scanChars),
  }));
}
