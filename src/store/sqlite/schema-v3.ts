/** Named leases, so that processes sharing one database split the work that must run once. */
export const SCHEMA_V3 = `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;
