/** Atom text constructs: the elements that may carry `type="xhtml"`. */
const XHTML_OPEN =
  /<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|summary|content|rights))(\s[^<>]*?)\btype\s*=\s*(["'])xhtml\3([^<>]*)>/g;

/** `<xhtml:p>` and `</h:p>`: the XHTML namespace bound to a prefix, which HTML knows nothing of. */
const PREFIXED_TAG = /<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g;

const escapeMarkup = (text: string): string =>
  text.replace(PREFIXED_TAG, '<$1').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Where the element `name` opened before `from` closes, or null when this reading finds no end. */
function closingTag(xml: string, name: string, from: number): number | null {
  const close = new RegExp(`</${name.replace(/[.]/g, '\\.')}\\s*>`, 'g');
  close.lastIndex = from;
  return close.exec(xml)?.index ?? null;
}

/**
 * Rewrites every Atom `type="xhtml"` text construct as `type="html"` with its markup escaped, so
 * rss-parser reads it as one HTML string in document order (xml2js scrambles mixed content into
 * objects). Null when a construct has no closing tag this simple reading can find; the caller
 * then needs a parser that keeps element order.
 */
export function xhtmlAsHtml(xml: string): string | null {
  const parts: string[] = [];
  let copied = 0;
  for (const open of xml.matchAll(XHTML_OPEN)) {
    const [whole, name = '', before = '', quote = '"', after = ''] = open;
    const start = open.index;
    // A self-closing construct is empty: nothing to escape.
    if (start < copied || after.trimEnd().endsWith('/')) continue;
    const innerStart = start + whole.length;
    const end = closingTag(xml, name, innerStart);
    if (end === null) return null;
    parts.push(
      xml.slice(copied, start),
      `<${name}${before}type=${quote}html${quote}${after}>`,
      escapeMarkup(xml.slice(innerStart, end)),
    );
    copied = end;
  }
  if (copied === 0) return xml;
  parts.push(xml.slice(copied));
  return parts.join('');
}

/**
 * A description, `content:encoded` or Atom summary or content that holds its HTML as raw child
 * elements rather than escaped or in CDATA, as some feeds write it. Its text must come through in
 * document order, which xml2js loses: "submitted by<a>name</a>to<a>pics</a>" read back as
 * "submitted bytonamepics".
 */
const RAW_MARKUP_OPEN = /<(description|[A-Za-z_][\w.-]*:encoded|summary|content)(\s[^<>]*?)?(?<!\/)>/g;

/**
 * Longest element rewritten: a description is a few kB; megabytes of raw tags are an attack, left
 * to the parsers' own repair, which reads them far faster as the broken markup they are.
 */
const MAX_RAW_MARKUP_CHARS = 200_000;

/**
 * Rewrites every such element as escaped HTML. An element whose end this simple reading cannot
 * find, or that holds CDATA or an xhtml or XML body, is left as written.
 */
export function rawMarkupAsHtml(xml: string): string {
  const parts: string[] = [];
  let copied = 0;
  // Where the last element read ends: an opening inside it is its text, and searching for its own
  // end again would make the pass quadratic.
  let read = 0;
  for (const open of xml.matchAll(RAW_MARKUP_OPEN)) {
    const [whole, name = '', attributes = ''] = open;
    const start = open.index;
    if (start < read || /\btype\s*=\s*["'](?:xhtml|[^"']*xml)/i.test(attributes)) continue;
    const innerStart = start + whole.length;
    const end = closingTag(xml, name, innerStart);
    if (end === null) break;
    read = end;
    if (end - innerStart > MAX_RAW_MARKUP_CHARS) continue;
    const inner = xml.slice(innerStart, end);
    if (!/<[A-Za-z]/.test(inner) || inner.includes('<![CDATA[')) continue;
    parts.push(xml.slice(copied, innerStart), escapeMarkup(inner));
    copied = end;
  }
  if (copied === 0) return xml;
  parts.push(xml.slice(copied));
  return parts.join('');
}
