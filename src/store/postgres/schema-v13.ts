/** Items' prepared story features: see the SQLite migration of the same version. */
export const PG_SCHEMA_V13 = `
ALTER TABLE items ADD COLUMN story_features TEXT;
ALTER TABLE items ADD COLUMN story_features_key INTEGER;
`;
