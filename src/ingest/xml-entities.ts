import { decodeHTMLStrict } from 'entities';

// CDATA is matched whole so that what it holds stays as written; each other match is one named
// reference. The lazy CDATA part ends at its terminator or the end of the text: one pass.
const REFERENCE_OR_CDATA = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|&([A-Za-z_][\w.-]{0,63});/g;

const XML_PREDEFINED: ReadonlySet<string> = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Names seen so far and whether HTML knows them; a hostile feed cannot grow it past this. */
const MAX_REMEMBERED = 4096;
const known = new Map<string, boolean>();

function isKnown(name: string): boolean {
  if (XML_PREDEFINED.has(name)) return true;
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
  if (!xml.includes('&')) return xml;
  return xml.replace(REFERENCE_OR_CDATA, (whole, name: string | undefined) =>
    name === undefined || isKnown(name) ? whole : '',
  );
}
