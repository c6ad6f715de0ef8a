/** The synchronous form of an async interface: same methods, results unwrapped from Promise. */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/**
 * Exposes a synchronous implementation through its async interface. A throw becomes a rejected
 * promise, exactly as if each method had been declared `async`.
 */
export function toAsync<T extends object>(sync: Sync<T>): T {
  const methods = Object.entries<(...args: unknown[]) => unknown>(sync);
  const wrapped = Object.fromEntries(
    methods.map(([name, method]) => [
      name,
      (...args: unknown[]) =>
        new Promise((resolve) => {
          resolve(method(...args));
        }),
    ]),
  );
  return wrapped as T;
}

/** Thrown when a write names a row that does not exist: always a caller bug. */
export class MissingRowError extends Error {
  override readonly name = 'MissingRowError';
  constructor(
    readonly table: string,
    readonly id: number,
  ) {
    super(`${table} ${id} does not exist`);
  }
}

/** Returns `row`, or throws {@link MissingRowError} when the lookup found nothing. */
export function found<R>(row: R | undefined, table: string, id: number): R {
  if (row === undefined) throw new MissingRowError(table, id);
  return row;
}

/** SQLite has no boolean type and better-sqlite3 refuses to bind one. */
export function bit(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

/** Unwraps the row of an INSERT or UPDATE ... RETURNING that cannot come back empty. */
export function returned<R>(row: R | undefined, statement: string): R {
  if (row === undefined) throw new Error(`${statement} returned no row`);
  return row;
}
