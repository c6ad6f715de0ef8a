import { constants, gunzipSync } from 'node:zlib';
import { detect } from 'chardet';

/**
 * Largest body a gzip member without Content-Encoding may inflate to: a little above the default
 * fetch limit, since the fetcher counted only the compressed bytes.
 */
const MAX_SNIFFED_GZIP_BYTES = 8 * 1024 * 1024;

/** How far into the body the XML declaration or an HTML meta charset is looked for. */
const SNIFF_BYTES = 1024;
/** Bytes an undeclared body's encoding is guessed from: enough text for the guess, bounded time. */
const GUESS_BYTES = 64 * 1024;

/**
 * Decodes a feed or page body to text: by BOM, then the HTTP charset, then the XML declaration
 * (or an HTML meta charset), then UTF-8, or a guess from the bytes when most of the text is not
 * UTF-8. A gzip body served without Content-Encoding is inflated first; an unknown charset label
 * falls back to UTF-8. Never throws.
 */
export function decodeBody(body: Uint8Array, contentType: string | null): string {
  const bytes = inflateIfGzip(body);
  const bom = bomEncoding(bytes);
  if (bom !== null) return decodeWith(bom.label, bytes.subarray(bom.length));
  const header = charsetOf(contentType);
  // A header's UTF-16 or UTF-32 is as wrong as a declaration's when the bytes read as ASCII markup.
  const fromHeader = header !== null && opensAsAscii(bytes) ? asciiCompatible(header) : header;
  const label = fromHeader ?? wideWithoutBom(bytes) ?? declaredCharset(bytes);
  return label === null ? undeclared(bytes) : decodeWith(label, bytes);
}

/**
 * An undeclared body is UTF-8 unless most of its non-ASCII characters are not; then its encoding is
 * guessed from the bytes' statistics (chardet), and windows-1252, the web's other default, stands
 * in when nothing is guessed. A stray invalid byte in UTF-8 text leaves it UTF-8.
 */
function undeclared(bytes: Uint8Array): string {
  const text = decodeWith('utf-8', bytes);
  if (!text.includes('\ufffd')) return text;
  let invalid = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) invalid++;
    else if (code > 0x7f) nonAscii++;
  }
  if (invalid <= nonAscii) return text;
  return decodeWith(detect(bytes.subarray(0, GUESS_BYTES)) ?? 'windows-1252', bytes);
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const label = (match?.[1] ?? match?.[2] ?? '').trim();
  return label === '' ? null : label;
}

function inflateIfGzip(body: Uint8Array): Uint8Array {
  if (body.length < 18 || body[0] !== 0x1f || body[1] !== 0x8b || body[2] !== 0x08) return body;
  try {
    return gunzipSync(body, { maxOutputLength: MAX_SNIFFED_GZIP_BYTES });
  } catch (error) {
    // Larger inflated than the limit: its opening is read, as an uncompressed body is cut.
    if (error instanceof RangeError) return inflatedOpening(body);
    // Not really gzip: decode the bytes as they are and let the parser refuse them.
    return body;
  }
}

/**
 * The longest inflated opening of `body` within the limit. zlib gives no partial output past its
 * limit, so the compressed prefix that fills it is found by halving: each try inflates at most
 * the limit, a few dozen tries for the largest body fetched.
 */
function inflatedOpening(body: Uint8Array): Uint8Array {
  let best: Uint8Array = new Uint8Array(0);
  let low = 18;
  let high = body.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    try {
      best = gunzipSync(body.subarray(0, middle), {
        maxOutputLength: MAX_SNIFFED_GZIP_BYTES,
        finishFlush: constants.Z_SYNC_FLUSH,
      });
      low = middle + 1;
    } catch {
      high = middle - 1;
    }
  }
  return best;
}

function bomEncoding(b: Uint8Array): { label: string; length: number } | null {
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff)
    return { label: 'utf-32be', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00)
    return { label: 'utf-32le', length: 4 };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (b[0] === 0xfe && b[1] === 0xff) return { label: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  return null;
}

/** `<` or `<?` in UTF-16 or UTF-32 without a BOM: the first character's bytes give the form away. */
function wideWithoutBom(b: Uint8Array): string | null {
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0x00 && b[3] === 0x3c) return 'utf-32be';
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x00 && b[3] === 0x00) return 'utf-32le';
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return 'utf-16le';
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return 'utf-16be';
  return null;
}

/** The encoding named in an XML declaration or HTML meta tag near the start, read as ASCII. */
function declaredCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, SNIFF_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  if (xml?.[1] !== undefined) return asciiCompatible(xml[1]);
  const meta = /<meta\s[^>]*?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1] === undefined ? null : asciiCompatible(meta[1]);
}

/** True when the body opens with markup in single bytes: "<" then a character, no NUL between. */
function opensAsAscii(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return b[i] === 0x3c && b[i + 1] !== undefined && b[i + 1] !== 0x00;
}

/** A declaration read as ASCII cannot truly say UTF-16: the bytes were readable, so it is wrong. */
function asciiCompatible(label: string): string | null {
  return /^(utf-?16|utf-?32|ucs-?[24])/i.test(label) ? null : label;
}

/** TextDecoder has no UTF-32 (the Encoding Standard dropped it); feeds in it still exist. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let codePoints: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    codePoints.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (codePoints.length === 8192) {
      parts.push(String.fromCodePoint(...codePoints));
      codePoints = [];
    }
  }
  parts.push(String.fromCodePoint(...codePoints));
  return parts.join('');
}

// Bytes 0x80–0x9F of windows-1252, which the Encoding Standard also uses for latin1, iso-8859-1
// and ascii labels.
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20.18.3 and later decode windows-1252 as ISO-8859-1 (nodejs/node#60888), which turns curly
 * quotes and the euro sign into C1 controls; mapping those back is a no-op on a fixed Node.
 */
function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

function decodeWith(label: string, bytes: Uint8Array): string {
  const utf32 = /^(?:utf-?32|ucs-?4)(be|le)?$/i.exec(label.trim());
  if (utf32 !== null) return decodeUtf32(bytes, utf32[1]?.toLowerCase() !== 'be');
  if (/^(?:utf-?8|unicode-1-1-utf-8)$/i.test(label.trim())) {
    // Buffer's UTF-8 decoder is several times faster than TextDecoder's and replaces invalid
    // sequences the same way.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label.trim().toLowerCase());
  } catch {
    // An unknown label: RangeError from the constructor.
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}
