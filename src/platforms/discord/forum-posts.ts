import type { SendOutcome } from '../platform.js';
import type { DiscordConnection } from './connection.js';

/** Digests remembered with their forum post: enough for every digest under way at once. */
const MAX_REMEMBERED = 1_000;

/** A digest part bound for a forum channel. */
export interface ForumPart {
  readonly postTitle: string;
  readonly digestKey: string;
  readonly message: object;
}

/** Posts digests into forum channels: the first part opens a post, later parts of that digest reply in it. */
export interface ForumPosts {
  send(connection: DiscordConnection, forumId: string, part: ForumPart): Promise<SendOutcome>;
}

/**
 * Forum posts by digest, kept in memory. After a restart the rest of a digest under way opens a
 * post of its own, titled with its part number: a forum's first message carries no nonce Discord enforces,
 * so a post cannot be found again by one.
 */
export function createForumPosts(): ForumPosts {
  const posts = new Map<string, string>();
  return {
    async send(connection, forumId, part) {
      const known = posts.get(part.digestKey);
      if (known !== undefined) return connection.post(known, { ...part.message, enforce_nonce: true });
      // A forum post's first message takes no nonce.
      const message: Record<string, unknown> = { ...part.message };
      delete message.nonce;
      const outcome = await connection.openPost(forumId, part.postTitle, message);
      if (outcome.ok) {
        posts.set(part.digestKey, outcome.messageId);
        if (posts.size > MAX_REMEMBERED) {
          const oldest = posts.keys().next();
          if (oldest.done !== true) posts.delete(oldest.value);
        }
      }
      return outcome;
    },
  };
}
