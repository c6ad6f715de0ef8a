/** The synchronous form of an async interface: same methods, results unwrapped from Promise. */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/** Runs one call of a store method; the store's file guard checks and translates around it. */
export type CallGuard = <R>(call: () => R) => R;

const unguarded: CallGuard = (call) => call();

/**
 * Exposes a synchronous implementation through its async interface. A throw becomes a rejected
 * promise, exactly as if each method had been declared `async`.
 */
export function toAsync<T extends object>(sync: Sync<T>, guard: CallGuard = unguarded): T {
  const methods = Object.entries<(...args: unknown[]) => unknown>(sync);
  const wrapped = Object.fromEntries(
    methods.map(([name, method]) => [
      name,
      (...args: unknown[]) =>
        new Promise((resolve) => {
          resolve(guard(() => method(...args)));
        }),
    ]),
  );
  return wrapped as T;
}

/** SQLite has no boolean type and better-sqlite3 refuses to bind one. */
export function bit(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
