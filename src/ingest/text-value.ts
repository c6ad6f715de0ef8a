/**
 * Readers for parser output, which mirrors hostile XML and JSON: any field may be missing, an
 * array, an object with attributes, or nested markup. None of them throws.
 */

/** Categories kept from one entry; more is keyword stuffing. */
const MAX_CATEGORIES = 32;

/** Deepest nesting read when markup came back as an object tree (xml2js, JSON). */
const MAX_DEPTH = 12;

/** Longest text gathered from an object tree. */
const MAX_GATHERED_CHARS = 1_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` inside nested records, or undefined. */
export function field(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The value as an array: an array as is, a single value wrapped, nothing as empty. */
export function listOf(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  return value === undefined || value === null ? [] : [value];
}

/**
 * Text of a parsed value: a string as is; a number as digits; the first usable element of an
 * array; `_` or `value` of an attribute-carrying object; otherwise the text gathered from its
 * children, attributes (`$`) left out. Null when there is no non-blank text.
 */
export function textOf(value: unknown): string | null {
  const text = gather(value, 0);
  return text === null || text.trim() === '' ? null : text;
}

function gather(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) {
      const text = gather(element, depth + 1);
      if (text !== null && text.trim() !== '') return text;
    }
    return null;
  }
  if (!isRecord(value)) return null;
  const own = value._ ?? value.value ?? value['#text'];
  if (
    typeof own === 'string' &&
    Object.keys(value).every((k) => k === '_' || k === '$' || k === 'value' || k === 'type')
  ) {
    return own;
  }
  const parts: string[] = [];
  let length = 0;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$' || key === 'type' || key.startsWith('@')) continue;
    const text = gather(child, depth + 1);
    if (text === null) continue;
    parts.push(text);
    length += text.length;
    if (length > MAX_GATHERED_CHARS) break;
  }
  return parts.length === 0 ? null : parts.join(' ');
}

const escapeMarkup = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * HTML of a value that may hold markup: a string as is; markup that xml2js read as elements (HTML
 * written into a description without escaping) written back as tags around its escaped text, so
 * paragraphs still separate. Null when there is no non-blank text.
 */
export function markupOf(value: unknown): string | null {
  const parts: string[] = [];
  let length = 0;
  const write = (node: unknown, depth: number): void => {
    if (length > MAX_GATHERED_CHARS || depth > MAX_DEPTH) return;
    if (typeof node === 'string' || typeof node === 'number') {
      // A string at the top is the element's whole content, markup already; text beside child
      // elements was decoded by the XML parser and is escaped back.
      const text = depth === 0 && typeof node === 'string' ? node : escapeMarkup(String(node));
      parts.push(text);
      length += text.length;
      return;
    }
    if (Array.isArray(node)) {
      for (const element of node as unknown[]) write(element, depth + 1);
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '$') continue;
      if (key === '_') {
        write(child, depth + 1);
        continue;
      }
      const tag = /^[A-Za-z][\w:.-]{0,40}$/.test(key) ? key : 'span';
      for (const element of listOf(child)) {
        parts.push(`<${tag}>`);
        write(element, depth + 1);
        parts.push(`</${tag}>`);
      }
    }
  };
  write(Array.isArray(value) ? (value as unknown[])[0] : value, 0);
  const markup = parts.join('');
  return markup.trim() === '' ? null : markup;
}

/** An attribute of an xml2js node (`$`), or null. */
export function attributeOf(value: unknown, name: string): string | null {
  const node = Array.isArray(value) ? (value as unknown[])[0] : value;
  const attribute = field(node, '$', name);
  return typeof attribute === 'string' && attribute.trim() !== '' ? attribute : null;
}

/** Text of each category-like value, at most {@link MAX_CATEGORIES}. */
export function categoryTexts(values: readonly unknown[], read: (value: unknown) => string | null): string[] {
  const out: string[] = [];
  for (const value of values) {
    const text = read(value);
    if (text !== null) out.push(text);
    if (out.length >= MAX_CATEGORIES) break;
  }
  return out;
}
