/**
 * Condensing is shared between processes: an item is claimed by one until `condense_claim_until`,
 * so two processes never condense the same item, and one that dies leaves its claims to others.
 */
export const SCHEMA_V7 = `
ALTER TABLE items ADD COLUMN condense_claim_until INTEGER;
`;
