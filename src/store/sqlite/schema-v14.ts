/**
 * The language most of a feed's items are written in, as its last document showed: an item whose
 * own text nearly ties between two languages is read in its feed's (src/condense/language.ts).
 */
export const SCHEMA_V14 = `
ALTER TABLE feeds ADD COLUMN language TEXT;
`;
