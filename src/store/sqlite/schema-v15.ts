/**
 * The probability of each topic as condensing read an item (JSON, `{"world":0.62,…}`): a story's
 * topics are its members' readings weighed together, not its lead's alone. Null for items condensed
 * before it was kept; they count through their lead's topics as before.
 */
export const SCHEMA_V15 = `
ALTER TABLE items ADD COLUMN condensed_topic_scores TEXT;
`;
