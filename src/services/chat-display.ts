import { UserError } from '../core/errors.js';
import type { ChatDisplayServices } from '../core/services.js';
import type { ChatAddress, Subscription, Topic } from '../core/types.js';
import type { Store } from '../store/store.js';

/** A Discord snowflake: what a role id must look like before it is stored or mentioned. */
const SNOWFLAKE = /^\d{17,20}$/;

/** The taxonomy topic a chat names by id or label; a keyword has no story topic to ping for. */
function topicOf(text: string, topics: readonly Topic[]): Topic {
  const key = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (key === '') throw new UserError('bad_argument', 'Name a topic, such as sport or technology.');
  const topic = topics.find((t) => t.id === key || t.label.toLowerCase() === key);
  if (topic !== undefined) return topic;
  throw new UserError(
    'not_found',
    `${key.length > 64 ? 'That' : `"${key}"`} is not a topic: /topics lists them. Pings follow topics only, not keywords.`,
  );
}

/** How a chat's digests look: pictures, and the roles mentioned for topics. */
export function createChatDisplay(
  store: Store,
  topics: readonly Topic[],
  requireSubscription: (chat: ChatAddress) => Promise<Subscription>,
): ChatDisplayServices {
  return {
    async setImages(chat, images) {
      const subscription = await requireSubscription(chat);
      const changed = subscription.images !== images;
      if (changed) await store.subscriptions.setImages(subscription.id, images);
      return { changed };
    },
    async setPing(chat, topicText, roleId, now) {
      if (!SNOWFLAKE.test(roleId)) throw new UserError('bad_argument', 'That is not a role of this server.');
      const topic = topicOf(topicText, topics);
      const subscription = await requireSubscription(chat);
      await store.subscriptions.setPing(subscription.id, topic.id, roleId, now);
      return topic;
    },
    async removePing(chat, topicText) {
      const topic = topicOf(topicText, topics);
      const subscription = await store.subscriptions.find(chat);
      const changed =
        subscription !== null && (await store.subscriptions.removePing(subscription.id, topic.id));
      return { topic, changed };
    },
    async pings(chat) {
      const subscription = await store.subscriptions.find(chat);
      return subscription === null ? [] : store.subscriptions.pings(subscription.id);
    },
  };
}
