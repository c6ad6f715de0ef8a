/** A feed's language: see the SQLite migration of the same version. */
export const PG_SCHEMA_V14 = `
ALTER TABLE feeds ADD COLUMN language TEXT;
`;
