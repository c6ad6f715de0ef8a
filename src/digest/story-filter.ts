import { RE2JS } from 're2js';
import { err, ok, type Result } from '../core/result.js';
import type { Story } from '../core/types.js';

/** A filter's words or pattern; longer ones are refused before anything compiles them. */
export const MAX_FILTER_PATTERN = 200;
/**
 * Instructions of a compiled pattern: RE2 runs in time linear in the text, but a counted repeat
 * (`(a{100}){100}`) multiplies the program, and with it the time per character.
 */
const MAX_PROGRAM = 600;
/** Characters of a story a filter reads: headline, lead and entities fit well within. */
const MAX_TEXT = 4_000;

const wordChar = /[\p{L}\p{N}]/u;

/**
 * Whether lower-cased `text` holds `word` as whole words: a plain search, far cheaper than any
 * pattern engine, and linear in the text for the short words a filter holds.
 */
function mentions(text: string, word: string): boolean {
  if (word === '') return false;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if ((before === undefined || !wordChar.test(before)) && (after === undefined || !wordChar.test(after)))
      return true;
  }
  return false;
}

/** A filter ready to test stories. */
export interface CompiledFilter {
  /** The feed whose stories it filters; null for every feed of the chat. */
  readonly feedId: number | null;
  matches(text: string): boolean;
}

/**
 * Compiles a filter: a word or phrase matches as whole words in any case; a regular expression
 * runs on RE2, which never backtracks, case-insensitive. Refuses with a sentence a user
 * can act on what RE2 cannot run (backreferences, lookaround) or what is too large.
 */
export function compileFilter(filter: {
  readonly feedId: number | null;
  readonly pattern: string;
  readonly regex: boolean;
}): Result<CompiledFilter, string> {
  if (filter.pattern.length > MAX_FILTER_PATTERN) {
    return err(
      `A filter is at most ${MAX_FILTER_PATTERN} characters, ${MAX_FILTER_PATTERN + 2} with its quotes or slashes.`,
    );
  }
  if (!filter.regex) {
    const word = filter.pattern.toLowerCase();
    return ok({ feedId: filter.feedId, matches: (text) => mentions(text.toLowerCase(), word) });
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(filter.pattern, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : '';
    return err(
      `That pattern cannot be used: ${reason.slice(0, 120)}. Filters take RE2 syntax, without backreferences or lookaround.`,
    );
  }
  if (compiled.programSize() > MAX_PROGRAM) {
    return err('That pattern is too complex; use fewer or smaller repeats.');
  }
  // "//" or "/.*/" would keep every story: a filter that lets everything through filters nothing.
  if (compiled.matcher('').find()) {
    return err('That pattern matches any text, so it would filter nothing; name what a story must mention.');
  }
  return ok({ feedId: filter.feedId, matches: (text) => compiled.matcher(text).find() });
}

/** What a filter reads of a story: its headline, its lead's summary and its entities. */
export function filterText(story: Story): string {
  return [story.headline, story.summary, ...story.entities].join('\n').slice(0, MAX_TEXT);
}

/**
 * Whether a chat's filters keep a story. Chat-wide filters: the story must match one. Per-feed
 * filters: at least one of the chat's active feeds that brought the story must let it through,
 * by having no filter of its own or by one matching.
 */
export function passesFilters(
  story: Story,
  filters: readonly CompiledFilter[],
  activeFeedIds: ReadonlySet<number>,
): boolean {
  if (filters.length === 0) return true;
  const text = filterText(story);
  const chatWide = filters.filter((f) => f.feedId === null);
  if (chatWide.length > 0 && !chatWide.some((f) => f.matches(text))) return false;
  const brought = [...new Set(story.sources.map((s) => s.feedId))].filter((id) => activeFeedIds.has(id));
  if (brought.length === 0) return true;
  return brought.some((feedId) => {
    const own = filters.filter((f) => f.feedId === feedId);
    return own.length === 0 || own.some((f) => f.matches(text));
  });
}
