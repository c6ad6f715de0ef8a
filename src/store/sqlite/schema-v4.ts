/**
 * The story engine files items after condensing them: a condensed item waits for it in a small
 * partial index. Stories keep what ranking and cards read besides the lead: their kind (roundup,
 * video, opinion, as bits) and their most representative item in each language.
 */
export const SCHEMA_V4 = `
CREATE INDEX items_unclustered ON items (first_seen_at, id)
  WHERE story_id IS NULL AND condensed_hash IS NOT NULL;
ALTER TABLE stories ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN leads TEXT NOT NULL DEFAULT '{}';
`;
