import { decodeHTMLStrict } from 'entities';

// CDATA is matched whole so that what it holds stays as written; each other match is one named
// reference that XML does not predefine (those never reach the callback: feeds are full of them).
// The lazy CDATA part ends at its terminator or the end of the text: one pass.
const REFERENCE_OR_CDATA =
  /(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))|&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_][\w.-]{0,63});/g;
const CANDIDATE = /&(?!(?:amp|lt|gt|quot|apos);)[A-Za-z_][\w.-]{0,63};/g;

/**
 * References looked up one by one, at most: a document with more is hostile (half a million
 * `&lol10;` took seconds through a callback), and loses every reference XML does not define.
 */
const MAX_LOOKED_UP = 10_000;

/** Names seen so far and whether HTML knows them; a hostile feed cannot grow it past this. */
const MAX_REMEMBERED = 4096;
const known = new Map<string, boolean>();

function isKnown(name: string): boolean {
  let answer = known.get(name);
  if (answer === undefined) {
    const reference = `&${name};`;
    answer = decodeHTMLStrict(reference) !== reference;
    if (known.size < MAX_REMEMBERED) known.set(name, answer);
  }
  return answer;
}

/**
 * Removes references to entities that neither XML nor HTML defines (`&lol10;`): Gazette never
 * expands a document's own entity declarations, and a lenient parser would otherwise pass such a
 * reference into a digest as literal text. HTML entities (`&nbsp;`, written unescaped by sloppy
 * feeds) and everything inside CDATA stay as they are.
 */
export function dropUnknownEntities(xml: string): string {
  CANDIDATE.lastIndex = 0;
  let candidates = 0;
  while (candidates <= MAX_LOOKED_UP && CANDIDATE.exec(xml) !== null) candidates++;
  if (candidates === 0) return xml;
  // Native replacement, no call per match: only CDATA survives.
  if (candidates > MAX_LOOKED_UP) return xml.replace(REFERENCE_OR_CDATA, '$1');
  return xml.replace(REFERENCE_OR_CDATA, (whole, cdata: string | undefined, name: string) =>
    cdata !== undefined || isKnown(name) ? whole : '',
  );
}

// An `&` that starts no reference at all ("AT&T", a cut "&l"): strict parsers refuse the whole
// document for one of them, so each is written as `&amp;`, which every parser reads as the `&` meant.
const BARE_AMPERSAND_OR_CDATA =
  /(<!\[CDATA\[[\s\S]*?(?:\]\]>|$))|&(?!(?:[A-Za-z_][\w.-]{0,63}|#\d{1,10}|#x[\dA-Fa-f]{1,8});)/g;
const BARE_AMPERSAND = /&(?!(?:[A-Za-z_][\w.-]{0,63}|#\d{1,10}|#x[\dA-Fa-f]{1,8});)/g;

/** Escapes every `&` outside CDATA that does not start an entity or character reference. */
export function escapeBareAmpersands(xml: string): string {
  BARE_AMPERSAND.lastIndex = 0;
  if (!BARE_AMPERSAND.test(xml)) return xml;
  // Without CDATA a native replacement does it, several times faster than a call per match.
  if (!xml.includes('<![CDATA[')) return xml.replace(BARE_AMPERSAND, '&amp;');
  return xml.replace(BARE_AMPERSAND_OR_CDATA, (_whole, cdata: string | undefined) => cdata ?? '&amp;');
}

/** The repairs of references a parser needs before it reads the document. */
function repairReferences(xml: string): string {
  return escapeBareAmpersands(dropUnknownEntities(xml));
}

/** Characters handled between two turns of the event loop. */
const SLICE_CHARS = 256 * 1024;

/** Where a slice starting at `from` may end: before a `<`, never inside CDATA; the end at worst. */
function sliceEnd(text: string, from: number): number {
  if (text.length - from <= SLICE_CHARS) return text.length;
  let cut = text.indexOf('<', from + SLICE_CHARS);
  if (cut === -1) return text.length;
  // Searched within the slice only: a search back from the cut would cross the whole text each time.
  const slice = text.substring(from, cut);
  const opened = slice.lastIndexOf('<![CDATA[');
  if (opened !== -1 && !slice.includes(']]>', opened)) {
    // Inside a CDATA section: the slice runs to its end.
    const closed = text.indexOf(']]>', cut);
    cut = closed === -1 ? text.length : closed + 3;
  }
  return cut;
}

/**
 * {@link dropUnknownEntities} and {@link escapeBareAmpersands} a slice at a time, with a turn of the event loop between slices: on
 * a hostile 5 MiB feed the replacement alone would hold up everything else for most of a second.
 */
export async function repairReferencesInSlices(xml: string): Promise<string> {
  if (xml.length <= SLICE_CHARS) return repairReferences(xml);
  const parts: string[] = [];
  for (let from = 0; from < xml.length;) {
    const to = sliceEnd(xml, from);
    parts.push(repairReferences(xml.slice(from, to)));
    from = to;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return parts.join('');
}
