import { gunzipSync } from 'node:zlib';

/** Largest body a gzip member without Content-Encoding may inflate to. */
const MAX_SNIFFED_GZIP_BYTES = 32 * 1024 * 1024;

/** How far into the body the XML declaration or an HTML meta charset is looked for. */
const SNIFF_BYTES = 1024;

/**
 * Decodes a feed or page body to text: by BOM, then the HTTP charset, then the XML declaration
 * (or an HTML meta charset), then UTF-8. A gzip body served without Content-Encoding is inflated
 * first; an unknown charset label falls back to UTF-8. Never throws.
 */
export function decodeBody(body: Uint8Array, contentType: string | null): string {
  const bytes = inflateIfGzip(body);
  const bom = bomEncoding(bytes);
  if (bom !== null) return decodeWith(bom.label, bytes.subarray(bom.length));
  const label = charsetOf(contentType) ?? wideWithoutBom(bytes) ?? declaredCharset(bytes);
  return decodeWith(label ?? 'utf-8', bytes);
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
  } catch {
    // Not really gzip, or a bomb: decode the bytes as they are and let the parser refuse them.
    return body;
  }
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
  const meta = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1] === undefined ? null : asciiCompatible(meta[1]);
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

function decodeWith(label: string, bytes: Uint8Array): string {
  const utf32 = /^(?:utf-?32|ucs-?4)(be|le)?$/i.exec(label.trim());
  if (utf32 !== null) return decodeUtf32(bytes, utf32[1]?.toLowerCase() !== 'be');
  try {
    return new TextDecoder(label.toLowerCase()).decode(bytes);
  } catch {
    // An unknown label: RangeError from the constructor.
    return new TextDecoder('utf-8').decode(bytes);
  }
}
