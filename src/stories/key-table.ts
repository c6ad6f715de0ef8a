/**
 * A map from positive 30-bit keys (hashes) to 32-bit integers, held in two typed arrays with open
 * addressing. The story engine keeps an entry per item in the window for its address and another
 * for its text: as Map entries each costs some 30 bytes an item, here 8 to 21.
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
  private shift = 32 - Math.log2(MIN_CAPACITY);
  private count = 0;

  /** Whether a value fits in the table. */
  static holds(value: number): boolean {
    return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
  }

  /** Entries held. */
  get size(): number {
    return this.count;
  }

  /** The value under `key`, or undefined. */
  get(key: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let at = slotOf(key, this.shift); ; at = (at + 1) & mask) {
      const held = this.keys[at] ?? EMPTY;
      if (held === EMPTY) return undefined;
      if (held === key) return this.values[at];
    }
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets `key` (a whole number in 1 … 2³⁰ − 1) to `value` (a 32-bit signed integer). */
  set(key: number, value: number): void {
    if (!Number.isInteger(key) || key <= 0 || key >= 2 ** 30)
      throw new RangeError(`key ${key} is no 30-bit hash`);
    if (!KeyTable.holds(value)) throw new RangeError(`value ${value} is no 32-bit integer`);
    // Linear probing stays short up to three quarters full.
    if (4 * (this.count + 1) > 3 * this.keys.length) this.resize(this.keys.length * 2);
    const mask = this.keys.length - 1;
    for (let at = slotOf(key, this.shift); ; at = (at + 1) & mask) {
      const held = this.keys[at] ?? EMPTY;
      if (held === key) {
        this.values[at] = value;
        return;
      }
      if (held === EMPTY) {
        this.keys[at] = key;
        this.values[at] = value;
        this.count++;
        return;
      }
    }
  }

  /** Removes `key`; later keys of its run move back, so no slot is left as a tombstone. */
  delete(key: number): void {
    const mask = this.keys.length - 1;
    let at = slotOf(key, this.shift);
    for (; ; at = (at + 1) & mask) {
      const held = this.keys[at] ?? EMPTY;
      if (held === EMPTY) return;
      if (held === key) break;
    }
    let hole = at;
    for (let next = (hole + 1) & mask; ; next = (next + 1) & mask) {
      const held = this.keys[next] ?? EMPTY;
      if (held === EMPTY) break;
      // An entry may fill the hole only if its home slot is not between the hole and itself.
      const home = slotOf(held, this.shift);
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        this.keys[hole] = held;
        this.values[hole] = this.values[next] ?? 0;
        hole = next;
      }
    }
    this.keys[hole] = EMPTY;
    this.count--;
    if (this.keys.length > MIN_CAPACITY && 8 * this.count < this.keys.length)
      this.resize(this.keys.length / 2);
  }

  private resize(capacity: number): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(capacity);
    this.values = new Int32Array(capacity);
    this.shift = 32 - Math.log2(capacity);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? EMPTY;
      if (key !== EMPTY) this.set(key, values[i] ?? 0);
    }
  }
}
