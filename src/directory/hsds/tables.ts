/**
 * The HSDS 3.0 tables Haven keeps, column by column: the single source of the import
 * validation, the database columns (checked against the migrations by a test), the export and
 * the `datapackage.json` field types. Columns named `haven_*` are Haven's extension of HSDS.
 */
import { z } from 'zod';
import { CATEGORIES, GENDERS } from '../categories';
import * as c from './cells';

export type TableName =
  | 'organization'
  | 'service'
  | 'location'
  | 'service_at_location'
  | 'address'
  | 'phone'
  | 'schedule'
  | 'language'
  | 'taxonomy_term'
  | 'attribute';

/** Field types as a Frictionless Table Schema names them. */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date';

export interface ColumnSpec {
  name: string;
  read: z.ZodType<c.CellValue>;
  type: FieldType;
  /** the id of a row in this table */
  ref?: TableName;
  required?: boolean;
  description: string;
}

export interface TableSpec {
  name: TableName;
  /** the database table */
  sql: string;
  columns: ColumnSpec[];
}

const col = (
  name: string,
  type: FieldType,
  read: z.ZodType<c.CellValue>,
  description: string,
  extra: Partial<Pick<ColumnSpec, 'ref' | 'required'>> = {},
): ColumnSpec => ({ name, type, read, description, ...extra });

const idCol = col('id', 'string', c.id({ required: true }), 'unique identifier', { required: true });
const ref = (name: string, table: TableName, required = false): ColumnSpec =>
  col(name, 'string', c.id({ required }), `id of the ${table}`, { ref: table, required });

export const TABLES: readonly TableSpec[] = [
  {
    name: 'organization',
    sql: 'dir_organization',
    columns: [
      idCol,
      col('name', 'string', c.text({ required: true, max: c.MAX_SHORT }), 'official or public name', { required: true }),
      col('alternate_name', 'string', c.text({ max: c.MAX_SHORT }), 'another name in common use'),
      col('description', 'string', c.text(), 'what the organization does'),
      col('email', 'string', c.email(), 'contact email'),
      col('website', 'string', c.url(), 'web site'),
    ],
  },
  {
    name: 'service',
    sql: 'dir_service',
    columns: [
      idCol,
      ref('organization_id', 'organization'),
      col('name', 'string', c.text({ required: true, max: c.MAX_SHORT }), 'official or public name', { required: true }),
      col('alternate_name', 'string', c.text({ max: c.MAX_SHORT }), 'another name in common use'),
      col('description', 'string', c.text(), 'what the service offers'),
      col('url', 'string', c.url(), 'web page of the service'),
      col('email', 'string', c.email(), 'contact email'),
      col('status', 'string', c.oneOf(['active', 'inactive', 'defunct', 'temporarily closed'], { required: true }), 'active, inactive, defunct or temporarily closed; only active services are searched', { required: true }),
      col('interpretation_services', 'string', c.text(), 'interpretation on offer'),
      col('application_process', 'string', c.text(), 'how to get the service'),
      col('fees_description', 'string', c.text(), 'costs, if any'),
      col('eligibility_description', 'string', c.text(), 'who the service is for'),
      col('minimum_age', 'integer', c.number({ integer: true, min: 0, max: 150 }), 'youngest age served'),
      col('maximum_age', 'integer', c.number({ integer: true, min: 0, max: 150 }), 'oldest age served'),
      col('assured_date', 'date', c.date(), 'when the information was last checked'),
      col('alert', 'string', c.text(), 'short-term notice'),
      col('last_modified', 'string', c.text({ max: 40 }), 'when anything about the service last changed'),
      col('haven_category', 'string', c.oneOf(CATEGORIES), `Haven: kind of help (${CATEGORIES.join(', ')})`),
      col('haven_gender', 'string', c.oneOf(GENDERS), 'Haven: the gender served, only when the service is specific'),
      col('haven_verified', 'boolean', c.boolean(), 'Haven: true once the deploying team has confirmed the entry'),
      col('haven_verified_date', 'date', c.date(), 'Haven: when the team confirmed it'),
    ],
  },
  {
    name: 'location',
    sql: 'dir_location',
    columns: [
      idCol,
      col('location_type', 'string', c.oneOf(['physical', 'postal', 'virtual'], { required: true }), 'physical, postal or virtual', { required: true }),
      col('url', 'string', c.url(), 'address of a virtual location'),
      ref('organization_id', 'organization'),
      col('name', 'string', c.text({ max: c.MAX_SHORT }), 'name of the place'),
      col('alternate_name', 'string', c.text({ max: c.MAX_SHORT }), 'another name'),
      col('description', 'string', c.text(), 'about the place'),
      col('transportation', 'string', c.text(), 'how to get there'),
      col('latitude', 'number', c.number({ min: -90, max: 90 }), 'WGS84 latitude'),
      col('longitude', 'number', c.number({ min: -180, max: 180 }), 'WGS84 longitude'),
      col('haven_confidential_address', 'boolean', c.boolean(), 'Haven: true for a place whose address must never be shown (a shelter): phone only'),
    ],
  },
  {
    name: 'service_at_location',
    sql: 'dir_service_at_location',
    columns: [
      idCol,
      ref('service_id', 'service', true),
      ref('location_id', 'location', true),
      col('description', 'string', c.text(), 'about the service at this place'),
    ],
  },
  {
    name: 'address',
    sql: 'dir_address',
    columns: [
      idCol,
      ref('location_id', 'location'),
      col('attention', 'string', c.text({ max: c.MAX_SHORT }), 'care of'),
      col('address_1', 'string', c.text({ required: true, max: c.MAX_SHORT }), 'building number and street', { required: true }),
      col('address_2', 'string', c.text({ max: c.MAX_SHORT }), 'more address'),
      col('city', 'string', c.text({ required: true, max: c.MAX_SHORT }), 'city', { required: true }),
      col('region', 'string', c.text({ max: c.MAX_SHORT }), 'region'),
      col('state_province', 'string', c.text({ max: c.MAX_SHORT }), 'state or province'),
      col('postal_code', 'string', c.text({ max: 20 }), 'postal code'),
      col('country', 'string', c.countryCode({ required: true }), 'ISO 3166-1 alpha-2 country code', { required: true }),
      col('address_type', 'string', c.oneOf(['physical', 'postal', 'virtual'], { required: true }), 'physical, postal or virtual', { required: true }),
    ],
  },
  {
    name: 'phone',
    sql: 'dir_phone',
    columns: [
      idCol,
      ref('location_id', 'location'),
      ref('service_id', 'service'),
      ref('organization_id', 'organization'),
      ref('service_at_location_id', 'service_at_location'),
      col('number', 'string', c.text({ required: true, max: 60 }), 'the number as people dial it', { required: true }),
      col('extension', 'number', c.number({ integer: true, min: 0, max: 99999999 }), 'extension'),
      col('type', 'string', c.oneOf(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone']), 'voice, text, textphone...'),
      col('description', 'string', c.text(), 'about this number'),
    ],
  },
  {
    name: 'schedule',
    sql: 'dir_schedule',
    columns: [
      idCol,
      ref('service_id', 'service'),
      ref('location_id', 'location'),
      ref('service_at_location_id', 'service_at_location'),
      col('valid_from', 'date', c.date(), 'first day the schedule applies'),
      col('valid_to', 'date', c.date(), 'last day the schedule applies'),
      col('dtstart', 'date', c.date(), 'first occurrence (needed with interval)'),
      col('timezone', 'string', c.timeZone(), 'UTC offset in hours, or (Haven) a zone name like Europe/Warsaw'),
      col('until', 'date', c.date(), 'last occurrence'),
      col('count', 'integer', c.number({ integer: true, min: 1, max: 100000 }), 'number of occurrences'),
      col('wkst', 'string', c.oneOf(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']), 'first day of the week'),
      col('freq', 'string', c.oneOf(['WEEKLY', 'MONTHLY']), 'WEEKLY or MONTHLY'),
      col('interval', 'integer', c.number({ integer: true, min: 1, max: 52 }), 'every n weeks or months'),
      col('byday', 'string', c.text({ max: 100 }), 'days: MO,TU (MONTHLY: 2MO, -1FR)'),
      col('bymonthday', 'string', c.text({ max: 100 }), 'days of the month (MONTHLY)'),
      col('description', 'string', c.text(), 'opening times in words'),
      col('opens_at', 'string', c.timeOfDay(), 'opening time, HH:MM local time'),
      col('closes_at', 'string', c.timeOfDay(), 'closing time, HH:MM local time (before opens_at: past midnight)'),
      col('notes', 'string', c.text(), 'notes'),
    ],
  },
  {
    name: 'language',
    sql: 'dir_language',
    columns: [
      idCol,
      ref('service_id', 'service'),
      ref('location_id', 'location'),
      ref('phone_id', 'phone'),
      col('name', 'string', c.text({ max: 100 }), 'language name'),
      col('code', 'string', c.languageCode(), 'ISO 639-1 or 639-3 code'),
      col('note', 'string', c.text(), 'about this language'),
    ],
  },
  {
    name: 'taxonomy_term',
    sql: 'dir_taxonomy_term',
    columns: [
      idCol,
      col('code', 'string', c.text({ max: 100 }), 'code in the taxonomy'),
      col('name', 'string', c.text({ required: true, max: c.MAX_SHORT }), 'the term', { required: true }),
      col('description', 'string', c.text(), 'what the term means'),
      ref('parent_id', 'taxonomy_term'),
      col('taxonomy', 'string', c.text({ max: c.MAX_SHORT }), 'which taxonomy (a URI if possible)'),
      col('language', 'string', c.languageCode(), 'language of the term'),
      col('taxonomy_id', 'string', c.id(), 'id of the taxonomy'),
      col('term_uri', 'string', c.url(), 'URI of the term'),
    ],
  },
  {
    name: 'attribute',
    sql: 'dir_attribute',
    columns: [
      idCol,
      col('link_id', 'string', c.id({ required: true }), 'id of the row the term applies to', { required: true }),
      ref('taxonomy_term_id', 'taxonomy_term', true),
      col('link_type', 'string', c.text({ max: 100 }), 'what the term describes'),
      col('link_entity', 'string', c.oneOf(['organization', 'service', 'location', 'service_at_location', 'phone'], { required: true }), 'the table of link_id', { required: true }),
      col('value', 'string', c.text({ max: c.MAX_SHORT }), 'value, if any'),
      col('label', 'string', c.text({ max: c.MAX_SHORT }), 'label'),
    ],
  },
];

export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

export function table(name: TableName): TableSpec {
  return TABLES.find((t) => t.name === name)!;
}

/** A validated row: column name to stored value. */
export type Row = Record<string, c.CellValue>;
