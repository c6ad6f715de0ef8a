import { UserError } from '../core/errors.js';
import type { CatalogEntry } from '../core/services.js';
import type { Feed, SubscribedFeed, Topic } from '../core/types.js';
import { canonicalUrl } from '../ingest/canonical-url.js';
import { didYouMean, suggestRefs } from './suggest.js';

/** What a `/subscribe` argument names: catalog feeds (one, or all of a topic), or a URL. */
export type FeedTarget =
  | { readonly kind: 'catalog'; readonly entry: CatalogEntry }
  | {
      readonly kind: 'url';
      readonly url: string;
      /** Typed without a scheme ("example.org/feed"): https was assumed, and plain http may serve it. */
      readonly schemeAssumed?: boolean;
    };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True when the text names its scheme ("https://…"); a bare host and path does not. */
export function namesScheme(text: string): boolean {
  return SCHEME.test(text.trim().replace(/^</, ''));
}

const MAX_URL = 2048;

/** "https://user:password@host/…": an address that signs in. */
const WITH_CREDENTIALS = /^<?[a-z][a-z0-9+.-]*:\/\/[^/?#\s@]*@/iu;

/**
 * Parses a user-typed feed address; a bare host/path gets https, a fragment is dropped. Null when
 * it is not a web address.
 */
export function parseFeedUrl(text: string): string | null {
  const trimmed = text.trim().replace(/^<(.*)>$/, '$1');
  if (trimmed.length === 0 || trimmed.length > MAX_URL || /\s/.test(trimmed)) return null;
  // The host as typed: "<@123>" (a Discord mention) would parse as the address 0.0.0.123, and a
  // host with credentials before an "@" is no feed anyone follows.
  const typedHost = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)/iu.exec(trimmed)?.[1] ?? '';
  if (typedHost.includes('@')) return null;
  const candidate = SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.hostname.startsWith('['))
    return null;
  if (url.username || url.password) return null;
  // A fragment never reaches the server, and a tracking parameter never changes what it sends:
  // "feed.xml#top" and "feed.xml?utm_source=x" are feed.xml, not a second feed.
  return canonicalUrl(url.toString());
}

/** The topic a reference names by id or label, if any. */
export function findTopic(ref: string, topics: readonly Topic[]): Topic | null {
  const key = ref.trim().toLowerCase();
  return topics.find((t) => t.id === key || t.label.toLowerCase() === key) ?? null;
}

/** Resolves a catalog id, a topic (id or label) or a feed URL; throws a UserError otherwise. */
export function resolveFeedTargets(
  ref: string,
  catalog: readonly CatalogEntry[],
  topics: readonly Topic[],
): FeedTarget[] {
  return resolveFeedRef(ref, catalog, topics).targets;
}

/** Like {@link resolveFeedTargets}, also saying which topic the reference named (null for a feed). */
export function resolveFeedRef(
  ref: string,
  catalog: readonly CatalogEntry[],
  topics: readonly Topic[],
): { readonly targets: FeedTarget[]; readonly topic: Topic | null } {
  const text = ref.trim();
  const key = text.toLowerCase();
  const entry = catalog.find((c) => c.id === key);
  if (entry) return { targets: [{ kind: 'catalog', entry }], topic: null };
  const topic = findTopic(text, topics);
  if (topic) {
    const entries = catalog.filter((c) => c.topics.includes(topic.id));
    if (entries.length === 0)
      throw new UserError('not_found', `The catalog has no feeds for ${topic.label} yet.`);
    return { targets: entries.map((e) => ({ kind: 'catalog', entry: e })), topic };
  }
  const url = parseFeedUrl(text);
  if (url !== null) {
    const known = catalog.find((c) => c.url === url);
    const target: FeedTarget = known
      ? { kind: 'catalog', entry: known }
      : { kind: 'url', url, schemeAssumed: !namesScheme(text) };
    return { targets: [target], topic: null };
  }
  // Not repeated back: in a group the reply would keep the password in view.
  if (WITH_CREDENTIALS.test(text))
    throw new UserError(
      'bad_argument',
      'Feed addresses with a user name or password are not supported: a feed must be readable without signing in.',
    );
  const hint = didYouMean(suggestRefs(text, catalog, topics));
  throw new UserError(
    'bad_argument',
    `"${text.slice(0, 80)}" is not a feed address, a catalog feed or a topic.${hint || ' /catalog lists the catalog, or paste a feed’s URL.'}`,
  );
}

/** The URL a target is fetched from. */
export const targetUrl = (target: FeedTarget): string =>
  target.kind === 'catalog' ? target.entry.url : target.url;

/** Host name of a URL, without `www.`; the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The name a feed is shown with: its catalog name, else its own title, else its host. */
export function feedName(feed: Feed, catalog: readonly CatalogEntry[]): string {
  const entry = feed.catalogId === null ? undefined : catalog.find((c) => c.id === feed.catalogId);
  return entry?.name ?? feed.title ?? hostOf(feed.url);
}

/** The name a followed feed shows in one chat: the chat's own name for it, else the feed's. */
export function shownName(link: SubscribedFeed, catalog: readonly CatalogEntry[]): string {
  return link.name ?? feedName(link.feed, catalog);
}

/** Discord caps a suggestion's value at 100 characters: a longer address is offered by its id. */
const MAX_REF_CHARS = 100;
const ID_REF = /^feed-id:(\d{1,15})$/u;

/**
 * The reference a suggestion hands back for a feed: its catalog id, its address, or, for an
 * address too long to be a suggestion's value, `feed-id:<id>`, which only names a followed feed.
 */
export function feedRefOf(feed: Feed): string {
  if (feed.catalogId !== null) return feed.catalogId;
  return feed.url.length <= MAX_REF_CHARS ? feed.url : `feed-id:${feed.id}`;
}

/**
 * The followed feeds a reference names: by catalog id, address or {@link feedRefOf}'s id when one
 * matches, else by name. Many publishers give every section feed one title, so a name can match
 * several.
 */
export function followedMatching(
  followed: readonly SubscribedFeed[],
  ref: string,
  catalog: readonly CatalogEntry[],
): SubscribedFeed[] {
  const text = ref.trim();
  const key = text.toLowerCase();
  const url = parseFeedUrl(text);
  const id = ID_REF.exec(key)?.[1];
  const exact = followed.filter(
    (l) =>
      l.feed.catalogId === key ||
      l.feed.url === text ||
      (url !== null && l.feed.url === url) ||
      (id !== undefined && l.feed.id === Number(id)),
  );
  if (exact.length > 0) return exact;
  return followed.filter(
    (l) => shownName(l, catalog).toLowerCase() === key || feedName(l.feed, catalog).toLowerCase() === key,
  );
}

/** Feeds named in a refusal of an ambiguous name; the rest are counted. */
const NAMED_CHOICES = 5;

/** The refusal of a name several followed feeds share: it lists what tells them apart. */
export function ambiguousName(ref: string, matches: readonly SubscribedFeed[]): UserError {
  const choices = matches.slice(0, NAMED_CHOICES).map(({ feed }) => feed.catalogId ?? feed.url);
  const more = matches.length > NAMED_CHOICES ? ` and ${matches.length - NAMED_CHOICES} more` : '';
  return new UserError(
    'bad_argument',
    `"${ref.trim().slice(0, 80)}" names ${matches.length} feeds this chat follows: ${choices.join(', ')}${more}. Give the id or address of the one you mean.`,
  );
}

/**
 * The refusal of a reference that names no followed feed. A key's `feed-id:<id>` is no name the
 * chat knows: pressed after the feed went, it says so instead.
 */
export function notFollowed(ref: string): UserError {
  const text = ref.trim();
  return new UserError(
    'not_found',
    ID_REF.test(text.toLowerCase())
      ? 'This chat no longer follows that feed. /feeds lists what it follows.'
      : `This chat does not follow "${text.slice(0, 80)}". /feeds lists what it follows.`,
  );
}

/** The one followed feed a reference names; refuses a reference that names none or several. */
export function findFollowed(
  followed: readonly SubscribedFeed[],
  ref: string,
  catalog: readonly CatalogEntry[],
): SubscribedFeed {
  const matches = followedMatching(followed, ref, catalog);
  const [link] = matches;
  if (link === undefined) throw notFollowed(ref);
  if (matches.length > 1) throw ambiguousName(ref, matches);
  return link;
}
