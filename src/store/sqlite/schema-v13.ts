/**
 * What the story engine reads of an item, prepared once by the process that condensed it (words,
 * names, address, meaning: src/stories/stored-preparation.ts), and the key of the build and model
 * that prepared it. Items condensed before have neither, and the story step reads their text.
 */
export const SCHEMA_V13 = `
ALTER TABLE items ADD COLUMN story_features TEXT;
ALTER TABLE items ADD COLUMN story_features_key INTEGER;
`;
