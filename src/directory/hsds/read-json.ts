/**
 * Reading HSDS 3.0 JSON: services as the HSDA API returns them (an array, one service, or a
 * page with `contents`), each with its nested organization, phones, schedules, languages,
 * attributes and service_at_locations (each with its location, addresses...); or
 * organizations with nested services; or an object of flat table arrays
 * (`{"service": [...], "location": [...]}`). Everything is flattened into the same rows the
 * tabular reader gives, so one validator serves both. Positions (line:column) are worked
 * out only when a problem needs one.
 */
import fs from 'node:fs';
import { YamlSource, type YamlPath } from '../../flows/yaml-source';
import { ImportError, shownPath } from './problems';
import type { Place, SourceRow } from './source-row';
import { isTableName, type TableName } from './tables';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: Json): Json[] => (Array.isArray(v) ? v : []);
const idOf = (v: Json): Json => (isObj(v) ? v['id'] : undefined);

export function readJson(file: string): SourceRow[] {
  const shown = shownPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ImportError(shown, `cannot be read: ${(e as Error).message}`);
  }
  let data: Json;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const offset = at ? Number(at[1]) : 0;
    const before = text.slice(0, offset).split('\n');
    throw new ImportError(`${shown}:${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`, `not valid JSON: ${(e as Error).message}`);
  }
  let source: YamlSource | undefined;
  const place = (p: YamlPath): Place => {
    source ??= new YamlSource(shown, text);
    const pos = source.locate(p);
    return { row: pos.line, column: pos.column };
  };
  const rows: SourceRow[] = [];

  const push = (table: TableName, obj: Obj, at: (string | number)[], links: Obj = {}): void => {
    const values: Obj = {};
    for (const [k, v] of Object.entries(obj)) if (!isObj(v) && !Array.isArray(v)) values[k] = v;
    for (const [k, v] of Object.entries(links)) if (values[k] === undefined || values[k] === null) values[k] = v;
    let start: Place | undefined;
    rows.push({
      table,
      file: shown,
      values,
      get at() {
        return (start ??= place(at));
      },
      locate: (column) => (column in obj ? place([...at, column]) : place(at)),
    });
  };

  const each = (v: Json, at: (string | number)[], fn: (o: Obj, at: (string | number)[]) => void) =>
    list(v).forEach((item, i) => {
      if (isObj(item)) fn(item, [...at, i]);
    });

  const attributes = (o: Obj, at: (string | number)[], entity: string) =>
    each(o['attributes'], [...at, 'attributes'], (a, p) => {
      push('attribute', a, p, { link_id: o['id'], link_entity: entity, taxonomy_term_id: idOf(a['taxonomy_term']) });
      if (isObj(a['taxonomy_term'])) push('taxonomy_term', a['taxonomy_term'], [...p, 'taxonomy_term']);
    });

  const phone = (o: Obj, at: (string | number)[], links: Obj) => {
    push('phone', o, at, links);
    each(o['languages'], [...at, 'languages'], (l, p) => push('language', l, p, { phone_id: o['id'] }));
  };

  const location = (o: Obj, at: (string | number)[], links: Obj = {}) => {
    push('location', o, at, links);
    const own = { location_id: o['id'] };
    each(o['addresses'], [...at, 'addresses'], (a, p) => push('address', a, p, own));
    each(o['phones'], [...at, 'phones'], (ph, p) => phone(ph, p, own));
    each(o['schedules'], [...at, 'schedules'], (s, p) => push('schedule', s, p, own));
    each(o['languages'], [...at, 'languages'], (l, p) => push('language', l, p, own));
    attributes(o, at, 'location');
  };

  const organization = (o: Obj, at: (string | number)[]) => {
    push('organization', o, at);
    const own = { organization_id: o['id'] };
    each(o['phones'], [...at, 'phones'], (ph, p) => phone(ph, p, own));
    each(o['locations'], [...at, 'locations'], (l, p) => location(l, p, own));
    each(o['services'], [...at, 'services'], (s, p) => service(s, p, own));
    attributes(o, at, 'organization');
  };

  const service = (o: Obj, at: (string | number)[], links: Obj = {}) => {
    push('service', o, at, { organization_id: idOf(o['organization']), ...links });
    if (isObj(o['organization'])) organization(o['organization'], [...at, 'organization']);
    const own = { service_id: o['id'] };
    each(o['phones'], [...at, 'phones'], (ph, p) => phone(ph, p, own));
    each(o['schedules'], [...at, 'schedules'], (s, p) => push('schedule', s, p, own));
    each(o['languages'], [...at, 'languages'], (l, p) => push('language', l, p, own));
    attributes(o, at, 'service');
    each(o['service_at_locations'], [...at, 'service_at_locations'], (sal, p) => {
      push('service_at_location', sal, p, { service_id: o['id'], location_id: idOf(sal['location']) });
      if (isObj(sal['location'])) location(sal['location'], [...p, 'location']);
      const salOwn = { service_at_location_id: sal['id'] };
      each(sal['phones'], [...p, 'phones'], (ph, pp) => phone(ph, pp, salOwn));
      each(sal['schedules'], [...p, 'schedules'], (s, pp) => push('schedule', s, pp, salOwn));
      attributes(sal, p, 'service_at_location');
    });
  };

  const item = (o: Obj, p: (string | number)[]) =>
    Array.isArray(o['services']) && !('status' in o) ? organization(o, p) : service(o, p);
  const items = (v: Json, at: (string | number)[]) => each(v, at, item);

  if (Array.isArray(data)) items(data, []);
  else if (isObj(data) && Array.isArray(data['contents'])) items(data['contents'], ['contents']);
  else if (isObj(data) && Object.keys(data).some(isTableName)) {
    for (const [name, v] of Object.entries(data)) {
      if (!isTableName(name)) continue;
      each(v, [name], (o, p) => push(name, o, p));
    }
  } else if (isObj(data) && 'id' in data) item(data, []);
  else throw new ImportError(shown, 'is not HSDS JSON: expected services (an array, or a page with "contents") or an object of table arrays');
  return rows;
}
