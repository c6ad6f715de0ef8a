/** An item's topic readings: see the SQLite migration of the same version. */
export const PG_SCHEMA_V15 = `
ALTER TABLE items ADD COLUMN condensed_topic_scores TEXT;
`;
