/** Deepest nesting followed; real feeds nest a few levels, deeper is an attack on the scan. */
const MAX_DEPTH = 64;

/**
 * A truncated JSON document cut back to its last complete object inside an array, with the
 * brackets still open there closed: the JSON counterpart of the XML truncation repair. Null when
 * there is no such point or the nesting is deeper than any feed.
 */
export function repairTruncatedJson(text: string): string | null {
  const closers: string[] = [];
  let inString = false;
  let escaped = false;
  let cut = -1;
  let cutClosers = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') closers.push('}');
    else if (c === '[') closers.push(']');
    else if (c === '}' || c === ']') {
      closers.pop();
      if (c === '}' && closers.at(-1) === ']') {
        cut = i + 1;
        cutClosers = closers.toReversed().join('');
      }
    }
    if (closers.length > MAX_DEPTH) return null;
  }
  return cut === -1 ? null : text.slice(0, cut) + cutClosers;
}
