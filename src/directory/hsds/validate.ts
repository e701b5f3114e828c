/**
 * Validating rows read from a package: every cell with its column's zod reader, ids unique
 * within the package, and every reference pointing at a row in the package or already in the
 * directory. Nothing is written here.
 */
import type { Db } from '../../store/database';
import { MAX_REPORTED_ERRORS, type ImportProblem } from './problems';
import type { SourceRow } from './source-row';
import { table, TABLES, type Row, type TableName } from './tables';

interface PendingRef {
  file: string;
  table: TableName;
  column: string;
  target: TableName;
  id: string;
  locate: SourceRow['locate'];
}

const pending = (source: SourceRow, column: string, target: TableName, id: string): PendingRef => ({
  file: source.file,
  table: source.table,
  column,
  target,
  id,
  locate: source.locate,
});

export class PackageRows {
  /** validated rows by table, by id (the last of identical duplicates) */
  readonly rows = new Map<TableName, Map<string, Row>>(TABLES.map((t) => [t.name, new Map()]));
  readonly problems: ImportProblem[] = [];
  /** references to check once every row is read; keeps no raw row alive (big imports) */
  private readonly pendingRefs: PendingRef[] = [];
  /** ids of rows already reported as invalid: references to them are not reported again */
  private readonly invalid = new Map<TableName, Set<string>>(TABLES.map((t) => [t.name, new Set()]));

  get errors(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  private error(row: Pick<SourceRow, 'file' | 'locate'>, column: string, message: string): void {
    if (this.errors >= MAX_REPORTED_ERRORS) return;
    const at = row.locate(column);
    this.problems.push({ file: row.file, row: at.row, column: at.column, severity: 'error', message });
  }

  add(source: SourceRow): void {
    const spec = table(source.table);
    const row: Row = {};
    let ok = true;
    for (const c of spec.columns) {
      const parsed = c.read.safeParse(source.values[c.name]);
      if (parsed.success) row[c.name] = parsed.data;
      else {
        ok = false;
        this.error(source, c.name, `${source.table}.${c.name} ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
      }
    }
    if (!ok) {
      if (typeof row['id'] === 'string') this.invalid.get(source.table)!.add(row['id']);
      return;
    }
    const id = String(row['id']);
    const byId = this.rows.get(source.table)!;
    const before = byId.get(id);
    if (before && JSON.stringify(before) !== JSON.stringify(row)) {
      this.error(source, 'id', `${source.table} id "${id}" appears twice in the package with different values`);
      return;
    }
    this.checkRow(source, row);
    byId.set(id, row);
    for (const c of spec.columns) {
      const value = row[c.name];
      if (c.ref && typeof value === 'string') this.pendingRefs.push(pending(source, c.name, c.ref, value));
    }
    if (source.table === 'attribute' && typeof row['link_entity'] === 'string' && typeof row['link_id'] === 'string') {
      const target = row['link_entity'];
      if (target === 'organization' || target === 'service' || target === 'location' || target === 'service_at_location' || target === 'phone') {
        this.pendingRefs.push(pending(source, 'link_id', target, row['link_id']));
      }
    }
  }

  /** Rules across the columns of one row. */
  private checkRow(source: SourceRow, row: Row): void {
    const min = row['minimum_age'];
    const max = row['maximum_age'];
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      this.error(source, 'maximum_age', `service.maximum_age ${max} is below minimum_age ${min}`);
    }
    if (source.table === 'location' && (row['latitude'] === null) !== (row['longitude'] === null)) {
      this.error(source, row['latitude'] === null ? 'latitude' : 'longitude', 'location needs both latitude and longitude, or neither');
    }
    if (source.table === 'schedule' && (row['opens_at'] === null) !== (row['closes_at'] === null)) {
      this.error(source, row['opens_at'] === null ? 'opens_at' : 'closes_at', 'schedule needs both opens_at and closes_at, or neither');
    }
    if (source.table === 'schedule' && row['service_id'] === null && row['location_id'] === null && row['service_at_location_id'] === null) {
      this.error(source, 'service_id', 'schedule belongs to nothing: give service_id, location_id or service_at_location_id');
    }
    if (source.table === 'service' && row['haven_verified'] === 1 && row['haven_verified_date'] === null) {
      this.error(source, 'haven_verified_date', 'a verified service needs haven_verified_date (when it was confirmed)');
    }
  }

  /** Check references once every row is read: in this package or already in the directory. */
  checkReferences(db: Db): void {
    const inDb = new Map<TableName, (id: string) => boolean>();
    for (const ref of this.pendingRefs) {
      if (this.rows.get(ref.target)!.has(ref.id) || this.invalid.get(ref.target)!.has(ref.id)) continue;
      let has = inDb.get(ref.target);
      if (!has) {
        const stmt = db.prepare(`SELECT 1 FROM ${table(ref.target).sql} WHERE id = ?`);
        has = (id: string) => stmt.get(id) !== undefined;
        inDb.set(ref.target, has);
      }
      if (!has(ref.id)) this.error(ref, ref.column, `${ref.table}.${ref.column} "${ref.id}" is not the id of any ${ref.target}`);
    }
    this.pendingRefs.length = 0;
  }
}
