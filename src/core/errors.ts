/** Codes of failures a user caused and may read about in chat. */
export type UserErrorCode =
  | 'bad_argument'
  | 'not_found'
  | 'already_exists'
  | 'forbidden'
  | 'feed_unusable'
  | 'limit_reached'
  | 'unsupported';

/** An error whose message is safe to show to the person who ran a command. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `error` is a {@link UserError}. */
export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * Gazette cannot start for a reason the operator can fix (a refused token, a port in use): the
 * message is one line naming the setting, shown without a stack trace.
 */
export class CannotStartError extends Error {
  override readonly name: string = 'CannotStartError';
}
