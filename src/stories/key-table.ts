/**
 * A map from positive 30-bit keys (hashes) to 32-bit integers, each key with a count of its
 * holders, held in three typed arrays with open addressing. The story engine keeps an entry per
 * address and per copy in the window, naming the latest item that holds it and how many do: as
 * Map entries each would cost some 30 bytes an item, here 14 to 27.
 */

const EMPTY = 0;
const MIN_CAPACITY = 16;

/** A key's home slot in a table of 2^(32 − shift) slots: Fibonacci hashing spreads runs of near keys. */
function slotOf(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

export class KeyTable {
  private keys = new Uint32Array(MIN_CAPACITY);
  private values = new Int32Array(MIN_CAPACITY);
  private holders = new Int32Array(MIN_CAPACITY);
  private shift = 32 - Math.log2(MIN_CAPACITY);
  private count = 0;

  /** Whether a value fits in the table. */
  static holds(value: number): boolean {
    return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
  }

  /** Keys held. */
  get size(): number {
    return this.count;
  }

  /** The value under `key`, or undefined. */
  get(key: number): number | undefined {
    const at = this.find(key);
    return at < 0 ? undefined : this.values[at];
  }

  has(key: number): boolean {
    return this.find(key) >= 0;
  }

  /** How many holders `key` has counted (0 when absent). */
  holdersOf(key: number): number {
    const at = this.find(key);
    return at < 0 ? 0 : (this.holders[at] ?? 0);
  }

  /**
   * Sets `key` (a whole number in 1 … 2³⁰ − 1) to `value` (a 32-bit signed integer), keeping its
   * count of holders (one for a new key).
   */
  set(key: number, value: number): void {
    this.put(key, value, 0);
  }

  /** Counts one more holder of `key` and makes `value` its value. */
  add(key: number, value: number): void {
    this.put(key, value, 1);
  }

  /**
   * Counts one holder of `key` fewer, dropping the key with its last; true when `value` was its
   * value and other holders remain, which then need another value ({@link set}).
   */
  remove(key: number, value: number): boolean {
    const at = this.find(key);
    if (at < 0) return false;
    const left = (this.holders[at] ?? 1) - 1;
    if (left <= 0) {
      this.delete(key);
      return false;
    }
    this.holders[at] = left;
    return this.values[at] === value;
  }

  /** Removes `key`; later keys of its run move back, so no slot is left as a tombstone. */
  delete(key: number): void {
    const mask = this.keys.length - 1;
    let hole = this.find(key);
    if (hole < 0) return;
    for (let next = (hole + 1) & mask; ; next = (next + 1) & mask) {
      const held = this.keys[next] ?? EMPTY;
      if (held === EMPTY) break;
      // An entry may fill the hole only if its home slot is not between the hole and itself.
      const home = slotOf(held, this.shift);
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        this.keys[hole] = held;
        this.values[hole] = this.values[next] ?? 0;
        this.holders[hole] = this.holders[next] ?? 0;
        hole = next;
      }
    }
    this.keys[hole] = EMPTY;
    this.count--;
    if (this.keys.length > MIN_CAPACITY && 8 * this.count < this.keys.length)
      this.resize(this.keys.length / 2);
  }

  /** The slot of `key`, or -1. */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    for (let at = slotOf(key, this.shift); ; at = (at + 1) & mask) {
      const held = this.keys[at] ?? EMPTY;
      if (held === EMPTY) return -1;
      if (held === key) return at;
    }
  }

  private put(key: number, value: number, more: number): void {
    if (!Number.isInteger(key) || key <= 0 || key >= 2 ** 30)
      throw new RangeError(`key ${key} is no 30-bit hash`);
    if (!KeyTable.holds(value)) throw new RangeError(`value ${value} is no 32-bit integer`);
    // Up to seven eighths full: a miss then probes some thirty slots of one cache-friendly run,
    // and a window's tables cost half what they would at three quarters.
    if (8 * (this.count + 1) > 7 * this.keys.length) this.resize(this.keys.length * 2);
    const mask = this.keys.length - 1;
    for (let at = slotOf(key, this.shift); ; at = (at + 1) & mask) {
      const held = this.keys[at] ?? EMPTY;
      if (held === key) {
        this.values[at] = value;
        this.holders[at] = (this.holders[at] ?? 0) + more;
        return;
      }
      if (held === EMPTY) {
        this.keys[at] = key;
        this.values[at] = value;
        this.holders[at] = Math.max(1, more);
        this.count++;
        return;
      }
    }
  }

  private resize(capacity: number): void {
    const { keys, values, holders } = this;
    this.keys = new Uint32Array(capacity);
    this.values = new Int32Array(capacity);
    this.holders = new Int32Array(capacity);
    this.shift = 32 - Math.log2(capacity);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? EMPTY;
      if (key !== EMPTY) {
        this.put(key, values[i] ?? 0, 0);
        const at = this.find(key);
        this.holders[at] = holders[i] ?? 1;
      }
    }
  }
}
