/**
 * The service directory as the rest of Haven uses it: nearest search joined with the HSDS
 * rows a card or an API answer needs. One instance per database.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import type { Row } from './hsds/tables';
import { NearestSearch, type NearHit, type NearQuery } from './search/nearest';
import { DirectoryStore } from './store';
import type { OpeningRule } from './time/opening-hours';

/** A service at a location, with everything shown about it. */
export interface ServiceRecord {
  rid: number;
  /** service_at_location id */
  id: string;
  service: Row;
  organization: Row | null;
  location: Row;
  addresses: Row[];
  phones: Row[];
  /** ISO 639 codes spoken (service and location) */
  languages: string[];
  schedules: Row[];
  rules: OpeningRule[];
  zone: string;
  confidential: boolean;
}

export interface NearResult extends ServiceRecord {
  distanceKm: number;
  openNow: boolean | null;
}

export class Directory {
  readonly store: DirectoryStore;
  readonly search: NearestSearch;
  private readonly q: Record<'sal' | 'service' | 'location' | 'org' | 'addresses' | 'phones' | 'languages' | 'schedules', Statement<unknown[], Row>>;

  constructor(readonly db: Db) {
    this.store = new DirectoryStore(db);
    this.search = new NearestSearch(db);
    this.q = {
      sal: db.prepare(
        `SELECT sal.rid, sal.id AS sal_id, sal.service_id, sal.location_id FROM dir_service_at_location sal WHERE sal.rid = ?`,
      ),
      service: db.prepare('SELECT * FROM dir_service WHERE id = ?'),
      location: db.prepare('SELECT * FROM dir_location WHERE id = ?'),
      org: db.prepare('SELECT * FROM dir_organization WHERE id = ?'),
      addresses: db.prepare(`SELECT * FROM dir_address WHERE location_id = ? ORDER BY address_type = 'physical' DESC, id`),
      phones: db.prepare(
        `SELECT * FROM dir_phone WHERE service_at_location_id = ? OR service_id = ? OR location_id = ?
          ORDER BY service_at_location_id IS NULL, service_id IS NULL, id`,
      ),
      languages: db.prepare(
        `SELECT * FROM dir_language WHERE (service_id = ? OR location_id = ?) AND code IS NOT NULL ORDER BY service_id IS NULL, id`,
      ),
      schedules: db.prepare(
        `SELECT * FROM dir_schedule WHERE service_at_location_id = ? OR service_id = ? OR location_id = ? ORDER BY id`,
      ),
    };
  }

  /** The nearest services (see NearestSearch), with their details. */
  nearest(query: NearQuery): NearResult[] {
    return this.search.find(query).flatMap((hit) => {
      const record = this.record(hit);
      return record ? [{ ...record, distanceKm: hit.distanceKm, openNow: hit.openNow }] : [];
    });
  }

  private record(hit: NearHit): ServiceRecord | null {
    const sal = this.q.sal.get(hit.rid);
    if (!sal) return null;
    const salId = String(sal['sal_id']);
    const serviceId = String(sal['service_id']);
    const locationId = String(sal['location_id']);
    const service = this.q.service.get(serviceId);
    const location = this.q.location.get(locationId);
    if (!service || !location) return null;
    const orgId = service['organization_id'];
    const languages = [...new Set(this.q.languages.all(serviceId, locationId).map((l) => String(l['code'])))];
    return {
      rid: hit.rid,
      id: salId,
      service,
      organization: typeof orgId === 'string' ? (this.q.org.get(orgId) ?? null) : null,
      location,
      addresses: this.q.addresses.all(locationId),
      phones: this.q.phones.all(salId, serviceId, locationId),
      languages,
      schedules: this.q.schedules.all(salId, serviceId, locationId),
      rules: hit.rules,
      zone: hit.zone,
      confidential: hit.confidential,
    };
  }

  isEmpty(): boolean {
    return this.store.isEmpty();
  }
}
