import { STORY_LEAD_CHARS } from './store.js';

/**
 * The story engine's columns of an item, `key` naming the parameter of the preparation key the
 * reader wants. An item prepared under that key, and not edited since it was condensed, comes with
 * its stored preparation and without its text; any other item comes with its headline and lead,
 * which the story step reads itself.
 */
export function storyFeatureColumns(key: string): string {
  const prepared = `story_features_key = ${key} AND condensed_hash = content_hash`;
  return `id, feed_id, key, url, condensed_language, published_at, first_seen_at, story_id,
    CASE WHEN ${prepared} THEN story_features END AS story_features,
    CASE WHEN ${prepared} THEN NULL ELSE title END AS title,
    CASE WHEN ${prepared} THEN NULL ELSE substr(text, 1, ${STORY_LEAD_CHARS}) END AS lead`;
}
