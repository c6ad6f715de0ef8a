/** Messages between the ingest benchmark and its worker processes (one per side, per set). */

/** The two corpus selections the benchmark runs, each in processes of its own. */
export type SetName = 'real-world' | 'all';

/** What one timed pass does: bare rss-parser, or Gazette with or without the store. */
export type PassKind = 'rss-parser' | 'parse' | 'store' | 'repoll';

/** One timed pass: wall time, CPU time, and the items it read. */
export interface PassResult {
  readonly ms: number;
  readonly cpuMs: number;
  readonly items: number;
}

/** Parent to worker. */
export type Command = { readonly type: 'pass'; readonly kind: PassKind } | { readonly type: 'finish' };

/** Worker to parent. */
export type Report =
  | {
      readonly type: 'ready';
      readonly files: number;
      readonly bytes: number;
      /** Peak RSS once the corpus is loaded, before any pass. */
      readonly loadedRssMb: number;
    }
  | ({ readonly type: 'passed' } & PassResult)
  | { readonly type: 'finished'; readonly peakRssMb: number };

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
