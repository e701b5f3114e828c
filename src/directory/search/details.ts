/**
 * What the search reads about a candidate beyond the R*Tree (exact point, time zone, opening
 * rules, gender, confidential flag), held in memory as typed arrays indexed by place: about
 * 24 bytes a place, read from `dir_near_detail` once per version of the index. A query then
 * costs the tree walk and arithmetic, not a database read per candidate.
 *
 * The copy follows the database: it is read again after the index is rebuilt, in this process
 * or another. Every change to the index bumps `dir_near_stamp` (see `indexChanged`); the stamp
 * is read only when SQLite's `data_version` says another connection wrote something, so a
 * query usually costs one pragma, and writes elsewhere (sessions) cause no reload.
 */
import type { Db } from '../../store/database';
import type { Gender } from '../categories';

const rebuilt = new WeakMap<Db, number>();

/**
 * Called by the index builder when it changes the index: every copy of its details is out of
 * date. `rebuilding` (once per rebuild, in its transaction) also tells other processes.
 */
export function indexChanged(db: Db, o: { rebuilding: boolean }): void {
  rebuilt.set(db, (rebuilt.get(db) ?? 0) + 1);
  if (o.rebuilding) db.prepare('UPDATE dir_near_stamp SET built = built + 1 WHERE id = 1').run();
}

const GENDER_CODES: readonly (Gender | null)[] = [null, 'female', 'male'];

export interface PlaceDetail {
  lat: number;
  lon: number;
  zone: string;
  hours: string | null;
  gender: Gender | null;
  confidential: boolean;
}

export class PlaceDetails {
  private version = '';
  private dataVersion = -1;
  private lat = new Float64Array(0);
  private lon = new Float64Array(0);
  private zoneOf = new Uint16Array(0);
  private hoursOf = new Int32Array(0);
  private genderOf = new Uint8Array(0);
  private flags = new Uint8Array(0);
  private zones: string[] = [];
  private hours: string[] = [];

  constructor(private readonly db: Db) {}

  /** Read the details again if the index changed since the last read. */
  refresh(): void {
    const dataVersion = Number(this.db.pragma('data_version', { simple: true }));
    const local = rebuilt.get(this.db) ?? 0;
    if (dataVersion === this.dataVersion && this.version.endsWith(`:${local}`)) return;
    this.dataVersion = dataVersion;
    const version = `${this.db.prepare('SELECT built FROM dir_near_stamp WHERE id = 1').pluck().get() as number}:${local}`;
    if (version === this.version) return;
    const size = ((this.db.prepare('SELECT max(rid) FROM dir_near_detail').pluck().get() as number | null) ?? 0) + 1;
    this.lat = new Float64Array(size);
    this.lon = new Float64Array(size);
    this.zoneOf = new Uint16Array(size);
    this.hoursOf = new Int32Array(size).fill(-1);
    this.genderOf = new Uint8Array(size);
    this.flags = new Uint8Array(size);
    this.zones = [];
    this.hours = [];
    const zoneIndex = new Map<string, number>();
    const hoursIndex = new Map<string, number>();
    const rows = this.db
      .prepare<[], [number, number, number, string, string | null, string | null, number]>(
        'SELECT rid, lat, lon, zone, hours, gender, confidential FROM dir_near_detail',
      )
      .raw(true)
      .iterate();
    for (const [rid, lat, lon, zone, hours, gender, confidential] of rows) {
      this.lat[rid] = lat;
      this.lon[rid] = lon;
      let z = zoneIndex.get(zone);
      if (z === undefined) zoneIndex.set(zone, (z = this.zones.push(zone) - 1));
      this.zoneOf[rid] = z;
      if (hours !== null) {
        let h = hoursIndex.get(hours);
        if (h === undefined) hoursIndex.set(hours, (h = this.hours.push(hours) - 1));
        this.hoursOf[rid] = h;
      }
      this.genderOf[rid] = Math.max(0, GENDER_CODES.indexOf(gender === 'female' || gender === 'male' ? gender : null));
      this.flags[rid] = 1 | (confidential === 1 ? 2 : 0);
    }
    this.version = version;
  }

  get(rid: number): PlaceDetail | null {
    if (rid >= this.flags.length || !(this.flags[rid]! & 1)) return null;
    const h = this.hoursOf[rid]!;
    return {
      lat: this.lat[rid]!,
      lon: this.lon[rid]!,
      zone: this.zones[this.zoneOf[rid]!]!,
      hours: h < 0 ? null : this.hours[h]!,
      gender: GENDER_CODES[this.genderOf[rid]!] ?? null,
      confidential: (this.flags[rid]! & 2) !== 0,
    };
  }
}
