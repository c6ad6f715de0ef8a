/** Which topic subscription added a feed, so unsubscribing the topic leaves feeds followed on their own. */
export const SCHEMA_V5 = `
ALTER TABLE subscription_feeds ADD COLUMN added_by TEXT;
`;
