/**
 * Store calls on SQLite and the pure steps between them resolve without a turn of the event loop:
 * a long pass would hold up timers, heartbeats, deliveries and commands for its whole length.
 * A slicer gives the loop a turn whenever `sliceMs` of work went by since the last one.
 */
export interface TimeSlicer {
  /** Yields to the event loop when the current slice is used up; otherwise resolves at once. */
  pause(): Promise<void>;
  /** Yields to the event loop now and starts a new slice. */
  yield(): Promise<void>;
}

/** A slicer over `clock` (milliseconds; `performance.now` by default). */
export function createTimeSlicer(sliceMs: number, clock: () => number = () => performance.now()): TimeSlicer {
  let sliceStart = clock();
  const turn = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = clock();
  };
  return {
    async pause() {
      if (clock() - sliceStart >= sliceMs) await turn();
    },
    yield: turn,
  };
}
