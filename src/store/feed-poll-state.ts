/**
 * How a poll's outcome changes a feed, decided once for both stores: each reads the row under
 * its lock, asks for the next state here, and writes every column of it at once.
 */

import type { FeedRow } from './rows.js';
import type { FeedFailure, FeedSuccess } from './store.js';

/** Every column a poll may change; writing it also ends the feed's lease. */
export interface PollState {
  readonly id: number;
  readonly url: string;
  readonly title: string | null;
  readonly siteUrl: string | null;
  readonly language: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly nextPollAt: number;
  readonly lastPolledAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  readonly disabledReason: string | null;
  readonly disabledNoticeSent: 0 | 1;
}

/** The poll state a row holds now. */
export function pollStateOf(row: FeedRow): PollState {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.site_url,
    language: row.language,
    etag: row.etag,
    lastModified: row.last_modified,
    nextPollAt: row.next_poll_at,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    disabledReason: row.disabled_reason,
    disabledNoticeSent: row.disabled_notice_sent === 1 ? 1 : 0,
  };
}

/**
 * After a good poll. `urlIsFree` says whether a permanent redirect's target is not another
 * feed's URL already: two feeds cannot share one, and the old one keeps working through it.
 */
export function afterSuccess(row: FeedRow, success: FeedSuccess, urlIsFree: boolean): PollState {
  const target = redirectTarget(row, success);
  return {
    ...pollStateOf(row),
    url: target !== null && urlIsFree ? target : row.url,
    // Absent means "not told" (a 304 carries no validators); null means the server sent none.
    etag: success.etag === undefined ? row.etag : success.etag,
    lastModified: success.lastModified === undefined ? row.last_modified : success.lastModified,
    // A feed that stops naming itself keeps the name it, or the catalog, gave before.
    title: success.title ?? row.title,
    siteUrl: success.siteUrl ?? row.site_url,
    // A document too short or too mixed to say leaves the language its fuller ones showed.
    language: success.language ?? row.language,
    nextPollAt: success.nextPollAt,
    lastPolledAt: success.polledAt,
    lastSuccessAt: success.polledAt,
    consecutiveFailures: 0,
    lastError: null,
  };
}

/** After a failed poll; a disabling failure owes subscribers one notice. */
export function afterFailure(row: FeedRow, failure: FeedFailure): PollState {
  return {
    ...pollStateOf(row),
    nextPollAt: failure.nextPollAt,
    lastPolledAt: failure.polledAt,
    consecutiveFailures: row.consecutive_failures + 1,
    lastError: failure.reason,
    ...(failure.disable ? { disabledReason: failure.reason, disabledNoticeSent: 0 as const } : {}),
  };
}

/** After a feed is enabled again: due at once, with a clean record. */
export function afterEnable(row: FeedRow, now: number): PollState {
  return {
    ...pollStateOf(row),
    nextPollAt: now,
    consecutiveFailures: 0,
    lastError: null,
    disabledReason: null,
    disabledNoticeSent: 0,
  };
}

/** A redirect target that needs checking against the other feeds' URLs, or null when there is none. */
export function redirectTarget(row: FeedRow, success: FeedSuccess): string | null {
  return success.url === undefined || success.url === row.url ? null : success.url;
}
