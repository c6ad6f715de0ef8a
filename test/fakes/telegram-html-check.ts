/** Tags Telegram's HTML parse mode accepts. */
const ALLOWED = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'tg-spoiler',
  'span',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** What Telegram would make of an HTML message: its visible text, or the error it would answer. */
export type HtmlCheck =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

function decode(raw: string): string | null {
  // Telegram knows four named entities and every numeric one; a bare "&" is an error too.
  if (/&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/i.test(raw)) return null;
  return raw.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);/gi, (_whole, name: string) => {
    if (!name.startsWith('#')) return NAMED[name.toLowerCase()] ?? '';
    const hex = name[1]?.toLowerCase() === 'x';
    return String.fromCodePoint(hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
  });
}

/**
 * Parses HTML the way Telegram's parse mode does, strictly: only its tags, every tag closed in
 * order, `a` with an http(s) `href`, text without a raw `<` or `>` and with only known entities.
 */
export function checkTelegramHtml(html: string): HtmlCheck {
  const stack: string[] = [];
  let text = '';
  const pattern = /<(\/?)([a-zA-Z-]+)((?:\s+[a-zA-Z_-]+(?:="[^"<>]*")?)*)\s*>/g;
  let last = 0;
  const addText = (raw: string): string | null => {
    if (/[<>]/.test(raw)) return `Can't parse entities: unexpected "<" or ">" in "${raw.slice(0, 40)}"`;
    const decoded = decode(raw);
    if (decoded === null) return `Can't parse entities: bad entity in "${raw.slice(0, 40)}"`;
    text += decoded;
    return null;
  };
  for (const match of html.matchAll(pattern)) {
    const problem = addText(html.slice(last, match.index));
    if (problem !== null) return { ok: false, error: problem };
    last = match.index + match[0].length;
    const [, closing, rawTag = '', attributes = ''] = match;
    const tag = rawTag.toLowerCase();
    if (!ALLOWED.has(tag))
      return { ok: false, error: `Can't parse entities: unsupported start tag "${tag}"` };
    if (closing === '/') {
      if (stack.pop() !== tag)
        return { ok: false, error: `Can't parse entities: unmatched end tag "${tag}"` };
      continue;
    }
    if (tag === 'a') {
      const href = /href="([^"]*)"/.exec(attributes)?.[1];
      const url = href === undefined ? null : decode(href);
      if (url === null || !/^https?:\/\//.test(url)) {
        return { ok: false, error: `Can't parse entities: bad href in "${match[0].slice(0, 60)}"` };
      }
    }
    stack.push(tag);
  }
  const problem = addText(html.slice(last));
  if (problem !== null) return { ok: false, error: problem };
  if (stack.length > 0)
    return { ok: false, error: `Can't parse entities: unclosed tag "${stack.join(', ')}"` };
  return { ok: true, text };
}
