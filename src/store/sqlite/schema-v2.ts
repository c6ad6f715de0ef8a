/**
 * Main topics: how many leading entries of a topic list a story, or a condensed item, is mainly
 * about. Rows condensed before this version had exactly one main topic, the first, or none when
 * their list is empty; the backfill keeps muting them as it did.
 */
export const SCHEMA_V2 = `
ALTER TABLE stories ADD COLUMN main_topics INTEGER NOT NULL DEFAULT 1 CHECK (main_topics >= 0);
UPDATE stories SET main_topics = MIN(1, json_array_length(topics));

-- Null like the other condensed columns until the item is condensed.
ALTER TABLE items ADD COLUMN condensed_main_topics INTEGER CHECK (condensed_main_topics >= 0);
UPDATE items SET condensed_main_topics = MIN(1, json_array_length(COALESCE(condensed_topics, '[]')))
  WHERE condensed_hash IS NOT NULL;
`;
