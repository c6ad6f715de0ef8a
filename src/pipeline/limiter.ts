/** Runs tasks with at most `total` at once overall and `perKey` at once for the same key. */
export interface KeyedLimiter {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Creates a limiter; waiting tasks start in the order they were submitted, as slots free up. */
export function createKeyedLimiter(total: number, perKey: number): KeyedLimiter {
  let active = 0;
  const activeByKey = new Map<string, number>();
  const waiting: { key: string; start: () => void }[] = [];

  const canStart = (key: string): boolean => active < total && (activeByKey.get(key) ?? 0) < perKey;

  const pump = (): void => {
    for (let i = 0; i < waiting.length && active < total;) {
      const next = waiting[i];
      if (next && canStart(next.key)) {
        waiting.splice(i, 1);
        next.start();
      } else {
        i++;
      }
    }
  };

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          active++;
          activeByKey.set(key, (activeByKey.get(key) ?? 0) + 1);
          task()
            .then(resolve, reject)
            .finally(() => {
              active--;
              const left = (activeByKey.get(key) ?? 1) - 1;
              if (left === 0) activeByKey.delete(key);
              else activeByKey.set(key, left);
              pump();
            });
        };
        waiting.push({ key, start });
        pump();
      });
    },
  };
}
