import { defineCommand } from '../src/core/command.js';
import { noFeedsText } from '../src/core/no-feeds.js';
import { reply, type Line } from '../src/core/reply.js';
import type { FeedStatus } from '../src/core/services.js';
import { formatAgo, formatSlot } from '../src/core/time-format.js';

function health(status: FeedStatus, now: number): string {
  const { feed } = status;
  switch (status.health) {
    case 'disabled':
      return `⏸ disabled: ${feed.disabledReason ?? 'unknown reason'}`;
    case 'failing':
      return `⚠️ failing ${feed.consecutiveFailures}× (${feed.lastError ?? 'unknown'})`;
    case 'pending':
      return '⏳ not polled yet';
    case 'ok':
      return feed.lastNewItemAt === null
        ? '✅ ok'
        : `✅ ok · last new item ${formatAgo(feed.lastNewItemAt, now)}`;
  }
}

export default defineCommand({
  name: 'feeds',
  description: "List this chat's feeds, their health and the next digest time",
  permission: 'member',
  options: [],
  examples: ['/feeds'],
  async run({ chat, services, now }) {
    const { feeds, subscription } = await services.feeds(chat, now);
    if (subscription === null || feeds.length === 0) {
      return reply.info([noFeedsText(chat)]);
    }
    const lines: Line[] = [[{ strong: `${feeds.length} feed${feeds.length === 1 ? '' : 's'}` }]];
    for (const status of feeds) {
      // The catalog id is what /unsubscribe takes most easily.
      const id = status.feed.catalogId;
      lines.push([
        `• `,
        { href: status.feed.url, text: status.name },
        ` (${status.host})`,
        ...(id === null ? [] : [' [', { code: id }, ']']),
        ` — ${status.pausedAt === null ? health(status, now) : '⏸ paused in this chat (/resume)'}`,
      ]);
    }
    const [next] = services.nextDigests(subscription, 1);
    if (subscription.pausedReason !== null)
      lines.push(
        `Delivery paused: ${subscription.pausedReason}. Once the bot can post here again, /digest or any settings command resumes it.`,
      );
    else if (subscription.liveSince !== null) lines.push('Live: each new story is posted as it comes.');
    else if (next !== undefined)
      lines.push(['Next digest ', { strong: formatSlot(next, subscription.timezone) }]);
    return reply.info(lines);
  },
});
