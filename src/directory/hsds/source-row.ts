/** One row as read from a package, before validation, with where each value came from. */
import type { TableName } from './tables';

export interface Place {
  row: number;
  column: number;
}

export interface SourceRow {
  table: TableName;
  /** file as the user named it (relative to the package folder where possible) */
  file: string;
  /** raw values by column name */
  values: Record<string, unknown>;
  /** where the row starts (may be computed on first use) */
  readonly at: Place;
  /** where a column's value is; falls back to `at` */
  locate(column: string): Place;
}
