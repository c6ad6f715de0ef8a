/** Rows a write needs and does not find, the same for every store. */

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

/** Unwraps the row of an INSERT or UPDATE ... RETURNING that cannot come back empty. */
export function returned<R>(row: R | undefined, statement: string): R {
  if (row === undefined) throw new Error(`${statement} returned no row`);
  return row;
}
