/**
 * The text a topic is read from: an item's description without what its channel or publisher
 * appends to every item. YouTube descriptions end in "Subscribe to our channel: … Find us on
 * Facebook: …", podcasts in privacy and ad-choice lines, French sites link on with "Lire aussi |
 * <another headline>". Such lines name social networks and websites and would read as technology.
 */

// A link, or a bare domain with a path ("megaphone.fm/adchoices").
export const LINK =
  /\b(?:https?:\/\/|www\.)\S+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|fm|io|co|tv|ly|me|news|info|[a-z]{2})\/\S*/giu;
const HANDLE = /(?:^|\s)[@#][\p{L}\p{N}_]+/gu;
// Segments of a description: its lines, its sentences, and the " - " or " | " that channel
// descriptions put between their calls to action.
// Segments are trimmed where they are used, so a mark between spaces is matched alone.
const SEGMENT_BREAK = /\n+|(?<=[.!?…])\s+(?=\p{Lu})|(?<=\s)[-–—|•·](?=\s)/u;
// Imperatives that open a call to action, in the catalog's languages.
const CALL_TO_ACTION =
  /^(?:subscribe|follow|like|find|visit|check|watch|listen|download|sign up|join|click|tap|get|support|share|abonnez|suivez|retrouvez|regardez|écoutez|téléchargez|abonniere|folge|folgt|besuche|besuchen|suscríbete|suscribete|síguenos|siguenos|visita|descarga|mira|escucha)\b/iu;
// "Lire aussi | …", "Read more: …": what follows is another article's headline.
const SEE_ALSO =
  /(?:^|\s)(?:à lire aussi|lire aussi|voir aussi|read more|read also|see also|related|lesen sie auch|mehr zum thema|leer también|lea también|ver también|leia também|leggi anche)\s*[|:–—-]/iu;
const MAX_CHARS = 4000;

/**
 * The description without links, handles, calls to action and see-also lines; prose is kept as it
 * was. A segment that ends in a colon announces what follows it ("For more episodes, click the
 * link below:", "Outside the Philippines, visit:"): when what follows is furniture, or nothing, it
 * goes with it.
 */
export function textForTagging(text: string): string {
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const kept: string[] = [];
  let announcing = false;
  for (const line of sample.split('\n')) {
    const seeAlso = SEE_ALSO.exec(line);
    const prose = seeAlso === null ? line : line.slice(0, seeAlso.index);
    for (const segment of prose.split(SEGMENT_BREAK)) {
      const trimmed = segment.trim();
      if (trimmed === '') continue;
      if (isFurniture(trimmed)) {
        if (announcing) kept.pop();
        announcing = false;
        continue;
      }
      const cleaned = trimmed.replace(HANDLE, ' ').trim();
      kept.push(cleaned);
      announcing = cleaned.endsWith(':');
    }
  }
  if (announcing) kept.pop();
  return kept.filter((s) => s !== '').join('\n');
}

function isFurniture(segment: string): boolean {
  LINK.lastIndex = 0;
  if (LINK.test(segment)) return true;
  return (
    CALL_TO_ACTION.test(segment) &&
    segment.length < 200 &&
    /\b(?:us|our|me|my|nous|notre|nos|uns|unser\w*|nuestro\w*)\b/iu.test(segment)
  );
}
