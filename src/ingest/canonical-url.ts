/** Query parameters that only track the reader; they never change what the page shows. */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'ref_src',
  'ref_url',
  'oly_enc_id',
  'oly_anon_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'rb_clickid',
  's_kwcid',
  'mkt_tok',
  '_openstat',
  'ncid',
  'sr_share',
  'wt_mc',
  'wt_zmc',
  'xtor',
  'at_medium',
  'at_campaign',
  'cmpid_src',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'at_custom'] as const;

/** Longest URL kept; longer ones are junk or an attack on whoever stores them. */
const MAX_URL_CHARS = 2048;

function isTracking(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    name = rawName.toLowerCase();
  }
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * Redirectors that wrap the article's address in a parameter: Google Alerts links every item
 * through `google.com/url?…&url=<article>`, Bing News through `apiclick.aspx?…&url=`, Facebook
 * through `l.php?u=`. The article is the link, for readers and for telling outlets apart.
 */
const REDIRECTORS: readonly {
  readonly host: RegExp;
  readonly path: string;
  readonly params: readonly string[];
}[] = [
  { host: /^(?:www\.)?google\.[a-z.]{2,6}$/, path: '/url', params: ['url', 'q'] },
  { host: /^(?:www\.)?bing\.com$/, path: '/news/apiclick.aspx', params: ['url'] },
  { host: /^l\.facebook\.com$/, path: '/l.php', params: ['u'] },
];

/** The address a redirector link leads to, when it names one; null for any other link. */
function redirectTarget(parsed: URL): string | null {
  const redirector = REDIRECTORS.find((r) => r.host.test(parsed.hostname) && parsed.pathname === r.path);
  if (redirector === undefined) return null;
  for (const name of redirector.params) {
    const target = parsed.searchParams.get(name);
    if (target !== null && /^https?:\/\//i.test(target)) return target;
  }
  return null;
}

/**
 * The canonical form of an article URL: absolute against `base`, http(s) only, the article itself
 * rather than a redirector's link to it, without the fragment and tracking parameters, other
 * parameters kept as written and in order. Null when the URL is missing, unparsable, too long or
 * not http(s).
 */
export function canonicalUrl(url: string, base?: string): string | null {
  return canonicalOf(url, base, true);
}

function canonicalOf(url: string, base: string | undefined, unwrap: boolean): string | null {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_CHARS) return null;
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  const target = unwrap ? redirectTarget(parsed) : null;
  // One hop: a redirector wrapped in another is not followed further.
  if (target !== null) return canonicalOf(target, undefined, false);
  // Most links have neither query nor fragment (a '?' or '#' anywhere else in the serialised URL is
  // percent-encoded), and then the setters below, which each re-serialise it, change nothing.
  const plain = parsed.href;
  if (!plain.includes('?') && !plain.includes('#')) return plain.length > MAX_URL_CHARS ? null : plain;
  parsed.hash = '';
  // Filter the raw query text rather than going through URLSearchParams, which would re-encode
  // the parameters that stay and so change a URL that other sources spell the original way.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair.split('=', 1)[0] ?? ''));
  // Assigning '' also drops a bare trailing '?'.
  parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  const result = parsed.href;
  return result.length > MAX_URL_CHARS ? null : result;
}
