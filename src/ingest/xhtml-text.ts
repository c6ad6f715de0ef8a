/** Atom text constructs: the elements that may carry `type="xhtml"`. */
const XHTML_OPEN =
  /<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|summary|content|rights))(\s[^<>]*?)\btype\s*=\s*(["'])xhtml\3([^<>]*)>/g;

/** `<xhtml:p>` and `</h:p>`: the XHTML namespace bound to a prefix, which HTML knows nothing of. */
const PREFIXED_TAG = /<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g;

const escapeMarkup = (text: string): string =>
  text.replace(PREFIXED_TAG, '<$1').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

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
    const close = new RegExp(`</${name.replace(/[.]/g, '\\.')}\\s*>`, 'g');
    close.lastIndex = innerStart;
    const end = close.exec(xml);
    if (end === null) return null;
    parts.push(
      xml.slice(copied, start),
      `<${name}${before}type=${quote}html${quote}${after}>`,
      escapeMarkup(xml.slice(innerStart, end.index)),
    );
    copied = end.index;
  }
  if (copied === 0) return xml;
  parts.push(xml.slice(copied));
  return parts.join('');
}
