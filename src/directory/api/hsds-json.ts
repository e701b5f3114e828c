/**
 * One search result as HSDS 3.0 JSON (a service_at_location with its service and location),
 * plus `distance` (km), `open_now` and Haven's attributes. A confidential place keeps its
 * phones but loses its address, coordinates and distance.
 */
import type { NearResult } from '../directory';
import type { Row } from '../hsds/tables';

const SERVICE_FIELDS = [
  'id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services',
  'application_process', 'fees_description', 'eligibility_description', 'minimum_age', 'maximum_age',
  'assured_date', 'alert', 'last_modified',
] as const;
const SCHEDULE_FIELDS = [
  'id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval', 'byday',
  'bymonthday', 'description', 'opens_at', 'closes_at', 'notes',
] as const;

function pick(row: Row, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = row[f] ?? null;
  return out;
}

export function hsdsServiceAtLocation(r: NearResult): Record<string, unknown> {
  const s = r.service;
  const confidential = r.confidential;
  return {
    id: r.id,
    service: {
      ...pick(s, SERVICE_FIELDS),
      organization: r.organization ? pick(r.organization, ['id', 'name', 'description', 'email', 'website']) : null,
      phones: r.phones.map((p) => pick(p, ['id', 'number', 'extension', 'type', 'description'])),
      languages: r.languages.map((code) => ({ code })),
      schedules: r.schedules.map((row) => pick(row, SCHEDULE_FIELDS)),
    },
    location: {
      id: r.location['id'],
      location_type: r.location['location_type'],
      name: r.location['name'] ?? null,
      latitude: confidential ? null : (r.location['latitude'] ?? null),
      longitude: confidential ? null : (r.location['longitude'] ?? null),
      addresses: confidential
        ? []
        : r.addresses.map((a) => pick(a, ['id', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'])),
    },
    distance: confidential ? null : Math.round(r.distanceKm * 100) / 100,
    open_now: r.openNow,
    haven: {
      category: s['haven_category'] ?? null,
      gender: s['haven_gender'] ?? null,
      verified: s['haven_verified'] === 1,
      verified_date: s['haven_verified_date'] ?? null,
      confidential_address: confidential,
      time_zone: r.zone,
    },
  };
}
