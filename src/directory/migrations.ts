/**
 * The directory's tables: HSDS 3.0 objects (one table each, `dir_` + the HSDS name, columns
 * as in `hsds/tables.ts`) and the search index. Appended to the store's list in
 * `src/store/migrations.ts`. Append only: change shipped tables with a new migration.
 */
import type { Migration } from '../store/migrations';

export const directoryMigrations: Migration[] = [
  {
    name: 'directory-001-hsds',
    sql: `
      CREATE TABLE dir_organization (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, alternate_name TEXT, description TEXT, email TEXT, website TEXT
      ) WITHOUT ROWID;
      CREATE TABLE dir_service (
        id TEXT PRIMARY KEY, organization_id TEXT, name TEXT NOT NULL, alternate_name TEXT, description TEXT,
        url TEXT, email TEXT, status TEXT NOT NULL, interpretation_services TEXT, application_process TEXT,
        fees_description TEXT, eligibility_description TEXT, minimum_age INTEGER, maximum_age INTEGER,
        assured_date TEXT, alert TEXT, last_modified TEXT,
        haven_category TEXT, haven_gender TEXT, haven_verified INTEGER, haven_verified_date TEXT
      ) WITHOUT ROWID;
      CREATE TABLE dir_location (
        id TEXT PRIMARY KEY, location_type TEXT NOT NULL, url TEXT, organization_id TEXT, name TEXT,
        alternate_name TEXT, description TEXT, transportation TEXT, latitude REAL, longitude REAL,
        haven_confidential_address INTEGER
      ) WITHOUT ROWID;
      -- rid: the small integer the R*Tree index keys on; stays the same when the row is updated
      CREATE TABLE dir_service_at_location (
        rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, service_id TEXT NOT NULL, location_id TEXT NOT NULL,
        description TEXT
      );
      CREATE INDEX dir_sal_service ON dir_service_at_location (service_id);
      CREATE INDEX dir_sal_location ON dir_service_at_location (location_id);
      CREATE TABLE dir_address (
        id TEXT PRIMARY KEY, location_id TEXT, attention TEXT, address_1 TEXT NOT NULL, address_2 TEXT,
        city TEXT NOT NULL, region TEXT, state_province TEXT, postal_code TEXT, country TEXT NOT NULL,
        address_type TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX dir_address_location ON dir_address (location_id);
      CREATE TABLE dir_phone (
        id TEXT PRIMARY KEY, location_id TEXT, service_id TEXT, organization_id TEXT, service_at_location_id TEXT,
        number TEXT NOT NULL, extension INTEGER, type TEXT, description TEXT
      ) WITHOUT ROWID;
      CREATE INDEX dir_phone_service ON dir_phone (service_id);
      CREATE INDEX dir_phone_location ON dir_phone (location_id);
      CREATE INDEX dir_phone_sal ON dir_phone (service_at_location_id);
      CREATE TABLE dir_schedule (
        id TEXT PRIMARY KEY, service_id TEXT, location_id TEXT, service_at_location_id TEXT, valid_from TEXT,
        valid_to TEXT, dtstart TEXT, timezone, until TEXT, count INTEGER, wkst TEXT, freq TEXT, interval INTEGER,
        byday TEXT, bymonthday TEXT, description TEXT, opens_at TEXT, closes_at TEXT, notes TEXT
      ) WITHOUT ROWID;
      CREATE INDEX dir_schedule_service ON dir_schedule (service_id);
      CREATE INDEX dir_schedule_location ON dir_schedule (location_id);
      CREATE INDEX dir_schedule_sal ON dir_schedule (service_at_location_id);
      CREATE TABLE dir_language (
        id TEXT PRIMARY KEY, service_id TEXT, location_id TEXT, phone_id TEXT, name TEXT, code TEXT, note TEXT
      ) WITHOUT ROWID;
      CREATE INDEX dir_language_service ON dir_language (service_id);
      CREATE INDEX dir_language_location ON dir_language (location_id);
      CREATE TABLE dir_taxonomy_term (
        id TEXT PRIMARY KEY, code TEXT, name TEXT NOT NULL, description TEXT, parent_id TEXT, taxonomy TEXT,
        language TEXT, taxonomy_id TEXT, term_uri TEXT
      ) WITHOUT ROWID;
      CREATE TABLE dir_attribute (
        id TEXT PRIMARY KEY, link_id TEXT NOT NULL, taxonomy_term_id TEXT NOT NULL, link_type TEXT,
        link_entity TEXT NOT NULL, value TEXT, label TEXT
      ) WITHOUT ROWID;
      CREATE INDEX dir_attribute_link ON dir_attribute (link_id);
    `,
  },
  {
    name: 'directory-002-search-index',
    sql: `
      -- One entry per searchable service at a location (active service, location with coordinates).
      -- Dimensions: latitude, longitude, category code (0: none), age range served. Auxiliary
      -- columns carry what the search reads without a join. A confidential place is indexed at
      -- the centre of a coarse grid cell, never at its real coordinates (see search/index.ts).
      CREATE VIRTUAL TABLE dir_near USING rtree(
        rid, min_lat, max_lat, min_lon, max_lon, min_cat, max_cat, min_age, max_age,
        +lat, +lon, +langs, +zone, +hours, +gender, +confidential
      );
    `,
  },
  {
    name: 'directory-003-search-index-languages',
    sql: `
      -- The index gains a language dimension (one entry per language a service speaks), so a
      -- language filter narrows inside the R*Tree; what a result needs beyond the index moves to
      -- a plain table read only for the nearest candidates. Rebuilt from the directory.
      DROP TABLE dir_near;
      CREATE VIRTUAL TABLE dir_near USING rtree(
        id, min_lat, max_lat, min_lon, max_lon, min_cat, max_cat, min_age, max_age, min_lang, max_lang
      );
      CREATE TABLE dir_near_detail (
        rid INTEGER PRIMARY KEY, lat REAL NOT NULL, lon REAL NOT NULL, langs TEXT NOT NULL, zone TEXT NOT NULL,
        hours TEXT, gender TEXT, confidential INTEGER NOT NULL
      );
      CREATE TABLE dir_near_language (code TEXT PRIMARY KEY, n INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
    `,
  },
  {
    name: 'directory-004-search-index-stamp',
    sql: `
      -- Changes with every rebuild of the index, so a process holding the index's details in
      -- memory reads them again after an import by another process, and only then.
      CREATE TABLE dir_near_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), built INTEGER NOT NULL);
      INSERT INTO dir_near_stamp (id, built) VALUES (1, 0);
    `,
  },
];
