/** The address two items share when they are one article: no scheme, www, fragment, tracking or trailing slash. */

const TRACKING =
  /^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ref|ref_src|cmpid|ito|icid|ocid|at_\w+|ns_\w+|smid|s_cid|cid|src|share|__twitter_impression)$/iu;

/** The URL reduced to what identifies the page; null for none. */
export function urlKey(url: string | null): string | null {
  if (url === null || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim().toLowerCase();
  }
  const params = [...parsed.searchParams]
    .filter(([key]) => !TRACKING.test(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  const host = parsed.hostname.toLowerCase().replace(/^www\./u, '');
  const pathname = parsed.pathname.replace(/(?<!\/)\/+$/u, '');
  return `${host}${parsed.port === '' ? '' : `:${parsed.port}`}${pathname}${query}`;
}
