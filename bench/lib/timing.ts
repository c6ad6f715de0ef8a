/** Timing helpers shared by the benchmarks. */

/** Median of the values; NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Wall-clock and CPU milliseconds of each pass. */
export interface Passes {
  readonly wallMs: readonly number[];
  /** User plus system time of the process: on a busy machine, closer to the work done than wall time. */
  readonly cpuMs: readonly number[];
}

/** Times `passes` runs after `warmups` untimed runs (the JIT needs a few to settle). */
export function timedPasses(passes: number, run: () => void, warmups = 1): Passes {
  for (let i = 0; i < warmups; i++) run();
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < passes; i++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    run();
    wallMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs };
}

/** "N things/s" from a count and milliseconds. */
export function rate(count: number, ms: number): string {
  return ((count / ms) * 1000).toFixed(1);
}
