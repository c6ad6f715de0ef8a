import { LIVE_SUBSCRIPTIONS_INDEX } from '../due-sql.js';

/** Live and breaking-lane subscriptions found without reading every subscription. */
export const SCHEMA_V12 = LIVE_SUBSCRIPTIONS_INDEX;
