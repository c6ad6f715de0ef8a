/**
 * ES2024's well-formed string methods, which Node 20 has and the project's TypeScript lib does
 * not. UTF-8 cannot carry a lone surrogate, so both database drivers store U+FFFD in its place.
 */

interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** Whether `text` has no lone surrogate (null counts as well formed). */
export const isWellFormed = (text: string | null): boolean =>
  text === null || (text as unknown as WellFormedString).isWellFormed();

/** `text` with every lone surrogate replaced by U+FFFD. */
export const toWellFormed = (text: string): string => (text as unknown as WellFormedString).toWellFormed();
