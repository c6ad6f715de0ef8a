import { UserError } from '../core/errors.js';
import type { ImportOutcome } from '../core/services.js';
import type { ChatAddress } from '../core/types.js';
import { withDeadline } from '../ingest/deadline.js';
import { TimeoutError } from '../ingest/errors.js';
import { parseOpml, type OpmlFeed } from '../ingest/opml.js';
import { createKeyedLimiter } from '../pipeline/limiter.js';
import { hostOf, parseFeedUrl, type FeedTarget } from './feed-refs.js';
import { alreadyFollows, ensureSubscription, follow, type SubscriptionDeps } from './subscriptions.js';

/** Outlines named in the "left out" line; the rest are counted. */
const NAMED_LEFT_OUT = 5;

interface Candidate {
  readonly outline: OpmlFeed;
  readonly target: FeedTarget;
}

/**
 * Follows the feeds of an OPML document, up to the chat's limit and the import limit; the rest is
 * counted and named as left out (importing the file again continues where this one stopped).
 * A feed whose site cannot be reached now is followed and retried by polling; what is not a feed,
 * or points at a private network, is refused and listed.
 */
export async function importOpml(
  deps: SubscriptionDeps,
  chat: ChatAddress,
  text: string,
  now: number,
): Promise<ImportOutcome> {
  const parsed = parseOpml(text);
  if (!parsed.ok)
    throw new UserError('bad_argument', `That file is not usable OPML: ${parsed.error.message}`);
  if (parsed.value.length === 0) throw new UserError('bad_argument', 'That OPML file lists no feeds.');
  const subscription = await ensureSubscription(deps, chat, now);
  const followed = await deps.store.subscriptions.feeds(subscription.id);
  const failed: { url: string; reason: string }[] = [];
  const already: string[] = [];
  const candidates: Candidate[] = [];
  // A file that lists a feed twice (in two folders, say) names one feed: it is counted once.
  const listed = new Set<string>();
  for (const outline of parsed.value) {
    const url = parseFeedUrl(outline.url);
    if (url === null) {
      failed.push({ url: outline.url.slice(0, 200), reason: 'not a web address' });
      continue;
    }
    if (listed.has(url)) continue;
    listed.add(url);
    const known = deps.catalog.find((c) => c.url === url);
    const target: FeedTarget = known ? { kind: 'catalog', entry: known } : { kind: 'url', url };
    if (alreadyFollows(followed, target)) already.push(outline.title);
    else candidates.push({ outline, target });
  }
  const room = Math.max(0, deps.maxFeedsPerChat - followed.length);
  const added: string[] = [];
  const unreachable: { url: string; name: string; reason: string }[] = [];
  const limiter = createKeyedLimiter(8, 2);
  let open = Math.min(room, deps.maxImport);
  const queue = [...candidates];
  // Slow sites must not hold the chat for half an hour: what is not read by then is followed and
  // left to polling, as a site that is away is.
  await withDeadline(
    deps.importBudgetMs,
    () => new TimeoutError('import', deps.importBudgetMs),
    async (signal) => {
      // In rounds, so that a refused feed's place goes to the next one in the file.
      while (open > 0 && queue.length > 0) {
        const round = queue.splice(0, open);
        await Promise.all(
          round.map(({ outline, target }) =>
            limiter.run(hostOf(outline.url), async () => {
              try {
                const result = await follow(deps, subscription, target, now, {
                  followUnreachable: true,
                  title: outline.title,
                  signal,
                });
                if (!result.added) {
                  already.push(result.name);
                  return;
                }
                added.push(result.name);
                open--;
                if (result.problem !== null)
                  unreachable.push({ url: outline.url, name: result.name, reason: result.problem });
              } catch (error) {
                if (!(error instanceof UserError)) throw error;
                failed.push({ url: outline.url, reason: error.message });
              }
            }),
          ),
        );
      }
    },
  );
  const count = queue.length;
  const reason =
    room <= deps.maxImport
      ? `this chat may follow ${deps.maxFeedsPerChat} feeds (limits.feedsPerChat) and now follows ${followed.length + added.length}.`
      : `one import adds at most ${deps.maxImport} feeds (limits.importFeeds); import the file again for the rest.`;
  const named = queue.slice(0, NAMED_LEFT_OUT).map((c) => c.outline.title);
  return {
    added,
    already,
    failed,
    unreachable,
    leftOut: { count, reason: count === 0 ? '' : reason, names: named },
  };
}
