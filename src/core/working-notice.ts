/**
 * Shows that a command is being worked on when its answer is slow (a feed that takes seconds to
 * answer, a digest that condenses first): a person who sees nothing for ten seconds types the
 * command again.
 */

/** When to show that a command is still at work, and how. */
export interface WorkingNotice {
  /** Shown once the answer has been pending this long. */
  readonly afterMs: number;
  /** Shown again this often while it stays pending (Telegram's typing status fades); null: once. */
  readonly everyMs: number | null;
  /** Never awaited by the command: a notice that fails or hangs must not hold the answer. */
  readonly show: () => unknown;
}

/** How long an answer may take before a person is shown that it is coming. */
export const WORKING_NOTICE_MS = 1_500;

/** `work`'s result, with `notice` shown while it is slow; a null notice shows nothing. */
export async function withWorkingNotice<T>(work: Promise<T>, notice: WorkingNotice | null): Promise<T> {
  if (notice === null) return work;
  let timer: NodeJS.Timeout | undefined;
  const show = (): void => {
    try {
      Promise.resolve(notice.show()).catch(() => undefined);
    } catch {
      // The answer matters, not the sign of work.
    }
    if (notice.everyMs !== null) timer = setTimeout(show, notice.everyMs);
  };
  timer = setTimeout(show, notice.afterMs);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}
