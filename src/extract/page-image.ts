/** The head of a page is where its meta tags are; the rest is not read. */
const HEAD_CHARS = 200_000;
/** A page with more meta tags than this is not worth reading further. */
const MAX_META_TAGS = 200;
const MAX_TAG_CHARS = 4_000;

const ATTRIBUTE = /(?<![-:a-z])([-:a-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/giu;

/** Attributes of one tag's text; entity-encoded ampersands in an address are decoded. */
function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(ATTRIBUTE)) {
    const [, name, double, single, bare] = match;
    if (name === undefined) continue;
    const value = (double ?? single ?? bare ?? '').replaceAll('&amp;', '&');
    attributes.set(name.toLowerCase(), value);
  }
  return attributes;
}

const PICTURE_KEYS = ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image'];

/**
 * The picture a page names for sharing (`og:image`, else `twitter:image`), as written: possibly
 * relative. Reads only meta tags near the top; linear in the page's length.
 */
export function pageImage(html: string): string | null {
  const head = html.slice(0, HEAD_CHARS);
  const found = new Map<string, string>();
  let from = 0;
  for (let tags = 0; tags < MAX_META_TAGS; tags++) {
    const start = head.indexOf('<meta', from);
    if (start < 0) break;
    const end = head.indexOf('>', start);
    if (end < 0) break;
    from = end + 1;
    if (end - start > MAX_TAG_CHARS) continue;
    const attributes = attributesOf(head.slice(start + 5, end));
    const key = (attributes.get('property') ?? attributes.get('name'))?.toLowerCase();
    const content = attributes.get('content')?.trim();
    if (key !== undefined && content !== undefined && content !== '' && !found.has(key))
      found.set(key, content);
  }
  for (const key of PICTURE_KEYS) {
    const url = found.get(key);
    if (url !== undefined) return url;
  }
  return null;
}
