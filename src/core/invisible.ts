/**
 * Characters that change how text reads without being seen: controls, bidi embeddings, overrides
 * and isolates (U+202E shows "Invoice ‮gnp.exe" as "Invoice exe.png"), and zero-width
 * characters (which also slip a word past a mute). One function removes them from whatever any
 * platform shows, so no renderer can forget one.
 */

const ZWNJ = '\u200c';
const ZWJ = '\u200d';
const BLACK_FLAG = '\u{1F3F4}';

// C0 controls but tab and line feed; DEL and C1; soft hyphen; combining grapheme joiner; Arabic
// letter mark; Hangul fillers; Khmer inherent vowels; Mongolian vowel separator; zero-width space
// and direction marks; bidi embeddings and overrides; word joiner, invisible operators, bidi
// isolates and deprecated format characters; byte order mark; interlinear annotation. Runs are
// removed whole, with no call per character.
const ALWAYS_INVISIBLE =
  // eslint-disable-next-line no-control-regex -- the controls are what it removes
  /(?:\u034f|\u17b4|\u17b5|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb])+/gu;
// Joiners, and tag characters, which are kept only as the tail of a subdivision flag (🏴 + tags +
// cancel tag): each needs its neighbours looked at.
const MAYBE_INVISIBLE =
  /\u{1F3F4}[\u{E0020}-\u{E007E}]{1,16}\u{E007F}|(?:\u200c|\u200d)+|[\u{E0000}-\u{E007F}]+/gu;
const HAS_MAYBE = /\u200c|\u200d|[\u{E0000}-\u{E007F}]/u;

const EMOJI_BEFORE_JOINER = /(?:\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F)$/u;
const EMOJI_AFTER_JOINER = /^\p{Extended_Pictographic}/u;
// A letter or mark of a script whose spelling needs the joiners (Persian, Arabic, the Indic
// scripts…); in Latin, Greek and Cyrillic text they only hide a break inside a word.
const JOINING_SCRIPT_LETTER = /^(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])[\p{L}\p{M}]/u;
// Below this are Basic Latin to the combining diacritics: no joining script and no emoji sequence.
const FIRST_JOINABLE = 0x370;

// Neighbourhoods already judged: text repeats the same few, and the property tests are the cost.
const MAX_SEEN_JOINS = 4096;
const seenJoins = new Map<string, boolean>();

/** True when the joiner at `at` is part of an emoji sequence or of a word in a joining script. */
function joinerIsMeaningful(text: string, at: number): boolean {
  if (at === 0 || at + 1 >= text.length) return false;
  if (text.charCodeAt(at - 1) < FIRST_JOINABLE || text.charCodeAt(at + 1) < FIRST_JOINABLE) return false;
  const low = text.charCodeAt(at - 1);
  const before = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? text.slice(at - 2, at) : text.slice(at - 1, at);
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0x20);
  const key = `${text[at] ?? ''}${before}${after}`;
  let meaningful = seenJoins.get(key);
  if (meaningful === undefined) {
    meaningful =
      (text[at] === ZWJ && EMOJI_BEFORE_JOINER.test(before) && EMOJI_AFTER_JOINER.test(after)) ||
      (JOINING_SCRIPT_LETTER.test(before) && JOINING_SCRIPT_LETTER.test(after));
    if (seenJoins.size < MAX_SEEN_JOINS) seenJoins.set(key, meaningful);
  }
  return meaningful;
}

/**
 * The text without invisible and direction-changing characters; tab and line feed stay, and so
 * do the joiners inside emoji sequences and inside words of scripts that need them. Linear.
 */
export function withoutInvisibles(text: string): string {
  const plain = text.replace(ALWAYS_INVISIBLE, '');
  if (!HAS_MAYBE.test(plain)) return plain;
  return plain.replace(MAYBE_INVISIBLE, (found, at: number, whole: string) => {
    if (found.startsWith(BLACK_FLAG)) return found;
    if ((found === ZWJ || found === ZWNJ) && joinerIsMeaningful(whole, at)) return found;
    return '';
  });
}
