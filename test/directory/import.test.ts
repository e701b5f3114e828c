/** `haven import hsds`: validation with file:row:column, upsert by id, one transaction. */
import fs from 'node:fs';
import path from 'node:path';
import { importHsds } from '../../src/directory/hsds/import';
import { formatProblem } from '../../src/directory/hsds/problems';
import { LARGE_INPUT_BYTES, stderrProgress } from '../../src/directory/hsds/progress';
import { openDatabase } from '../../src/store/database';
import { copyDemo, DEMO_DIR, dump, setCell, tmpDir } from './support';

const errorsOf = (r: { problems: { severity: string }[] }) => r.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p as never));

describe('importing an HSDS tabular package', () => {
  test('the demo package imports, every active service with coordinates is searchable', async () => {
    const db = openDatabase(':memory:');
    const r = await importHsds(db, DEMO_DIR);
    expect(errorsOf(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.rows.service).toBe(27);
    expect(r.rows.language).toBe(83);
    expect(r.indexed).toBe(27);
    expect(db.prepare('SELECT count(*) FROM dir_service').pluck().get()).toBe(27);
  });

  test('importing the same package twice changes nothing', async () => {
    const db = openDatabase(':memory:');
    await importHsds(db, DEMO_DIR);
    const once = dump(db);
    const again = await importHsds(db, DEMO_DIR);
    expect(again.ok).toBe(true);
    expect(dump(db)).toEqual(once);
  });

  test('a changed row replaces the stored one by id; rows not in the package stay', async () => {
    const db = openDatabase(':memory:');
    await importHsds(db, DEMO_DIR);
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'service.csv'), [
      'id,organization_id,name,status,haven_category,minimum_age',
      'demo-krakow-legal-svc,demo-krakow-legal-org,Renamed Legal Aid (demo),active,legal_aid,18',
    ].join('\n'));
    const r = await importHsds(db, dir);
    expect(errorsOf(r)).toEqual([]);
    expect(db.prepare("SELECT name, minimum_age, description FROM dir_service WHERE id = 'demo-krakow-legal-svc'").get()).toEqual({
      name: 'Renamed Legal Aid (demo)',
      minimum_age: 18,
      description: null, // the package's row is the whole truth about that id
    });
    expect(db.prepare('SELECT count(*) FROM dir_service').pluck().get()).toBe(27);
  });

  test('a deliberately bad row is reported as file:row:column and nothing changes', async () => {
    const db = openDatabase(':memory:');
    await importHsds(db, DEMO_DIR);
    const before = dump(db);
    const dir = copyDemo();
    // service.csv row 5 (the header is row 1): an age that is not a number; column 13 is minimum_age.
    setCell(path.join(dir, 'service.csv'), 5, 'minimum_age', 'twelve');
    setCell(path.join(dir, 'service.csv'), 6, 'name', 'Changed name that must not be written (demo)');
    const r = await importHsds(db, dir);
    expect(r.ok).toBe(false);
    const shown = path.join(dir, "service.csv");
    expect(errorsOf(r)).toEqual([`${shown}:5:13 service.minimum_age expected a whole number, got "twelve"`]);
    expect(dump(db)).toEqual(before);
  });

  test('into an empty directory, a failed import leaves it empty', async () => {
    const db = openDatabase(':memory:');
    const dir = copyDemo();
    setCell(path.join(dir, 'location.csv'), 3, 'latitude', '123.4');
    const r = await importHsds(db, dir);
    expect(errorsOf(r)).toEqual([expect.stringMatching(/location\.csv:3:9 location\.latitude must be between -90 and 90, got 123\.4$/)]);
    expect(Object.values(dump(db)).every((rows) => rows.length === 0)).toBe(true);
  });

  test('references to rows that exist nowhere are errors, at the referencing cell', async () => {
    const db = openDatabase(':memory:');
    const dir = copyDemo();
    setCell(path.join(dir, 'phone.csv'), 2, 'service_id', 'no-such-service');
    const r = await importHsds(db, dir);
    expect(errorsOf(r)).toEqual([expect.stringMatching(/phone\.csv:2:3 phone\.service_id "no-such-service" is not the id of any service$/)]);
  });

  test('references may point at rows already in the directory', async () => {
    const db = openDatabase(':memory:');
    await importHsds(db, DEMO_DIR);
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'phone.csv'), 'id,service_id,number\nextra-phone,demo-berlin-legal-svc,+49 000 000 999\n');
    expect(errorsOf(await importHsds(db, dir))).toEqual([]);
  });

  test('a write that fails half-way rolls everything back', async () => {
    const db = openDatabase(':memory:');
    expect(errorsOf(await importHsds(db, DEMO_DIR))).toEqual([]);
    const before = dump(db);
    const dir = copyDemo();
    setCell(path.join(dir, 'service.csv'), 2, 'name', 'Must not stay (demo)');
    // Addresses are written after services: make that step fail inside the transaction.
    db.exec("CREATE TRIGGER fail_address BEFORE UPDATE ON dir_address BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    const attempt = await importHsds(db, dir).then(
      (r) => `no error was thrown; the import returned ${JSON.stringify({ ok: r.ok, problems: r.problems.map(formatProblem) })}`,
      (e: Error) => e.message,
    );
    expect(attempt).toBe('disk trouble');
    expect(dump(db)).toEqual(before);
  });

  test('CSV quoting: commas, quotes and line breaks inside fields are read as one value', async () => {
    const db = openDatabase(':memory:');
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'organization.csv'), 'id,name,description\norg-1,"Help, Now ""(demo)""","line one\nline two"\n');
    fs.writeFileSync(path.join(dir, 'service.csv'), 'id,organization_id,name,status\nsvc-1,org-1,After a quoted newline,active\n');
    const r = await importHsds(db, dir);
    expect(errorsOf(r)).toEqual([]);
    expect(db.prepare('SELECT name, description FROM dir_organization').get()).toEqual({ name: 'Help, Now "(demo)"', description: 'line one\nline two' });
    expect(r.rows.service).toBe(1);
  });

  test('required columns, unknown columns and duplicate ids', async () => {
    const db = openDatabase(':memory:');
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'organization.csv'), 'id,name,colour\norg-1,A,red\norg-1,B,blue\n');
    fs.writeFileSync(path.join(dir, 'service.csv'), 'id,name\nsvc-1,No status\n');
    const r = await importHsds(db, dir);
    const all = r.problems.map(formatProblem);
    expect(all).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/organization\.csv:1:3 warning: column "colour" is not one Haven keeps; ignored$/),
        expect.stringMatching(/organization\.csv:3:1 organization id "org-1" appears twice in the package with different values$/),
        expect.stringMatching(/service\.csv:1:3 required column "status" is missing$/),
        expect.stringMatching(/service\.csv:2:3 service\.status is required$/),
      ]),
    );
    expect(r.ok).toBe(false);
  });

  test('--dry-run checks without writing', async () => {
    const db = openDatabase(':memory:');
    const r = await importHsds(db, DEMO_DIR, { dryRun: true });
    expect(r.ok).toBe(true);
    expect(db.prepare('SELECT count(*) FROM dir_service').pluck().get()).toBe(0);
  });
});

describe('importing HSDS 3.0 JSON', () => {
  const service = {
    id: 'svc-json-1',
    name: 'Youth Legal Clinic (demo)',
    status: 'active',
    minimum_age: 12,
    maximum_age: 25,
    haven_category: 'legal_aid',
    organization: { id: 'org-json-1', name: 'Clinic Association (demo)', description: 'Demo' },
    phones: [{ id: 'ph-json-1', number: '+48 000 000 555', languages: [{ id: 'lang-ph-1', code: 'uk' }] }],
    languages: [{ id: 'lang-json-1', code: 'pl' }],
    schedules: [{ id: 'sch-json-1', byday: 'MO,WE', opens_at: '10:00', closes_at: '14:00', freq: 'WEEKLY' }],
    attributes: [{ id: 'attr-json-1', taxonomy_term: { id: 'term-legal', name: 'Legal aid', description: 'Legal help' } }],
    service_at_locations: [
      {
        id: 'sal-json-1',
        location: {
          id: 'loc-json-1',
          location_type: 'physical',
          latitude: 50.0614,
          longitude: 19.9366,
          addresses: [{ id: 'addr-json-1', address_1: 'ul. Przykładowa 99 (demo)', city: 'Kraków', country: 'PL', address_type: 'physical' }],
        },
      },
    ],
  };

  test('nested services flatten into the same tables and are searchable', async () => {
    const db = openDatabase(':memory:');
    const file = path.join(tmpDir(), 'services.json');
    fs.writeFileSync(file, JSON.stringify({ contents: [service] }, null, 2));
    const r = await importHsds(db, file);
    expect(errorsOf(r)).toEqual([]);
    expect(r.rows).toMatchObject({ organization: 1, service: 1, location: 1, service_at_location: 1, address: 1, phone: 1, language: 2, schedule: 1, attribute: 1, taxonomy_term: 1 });
    expect(r.indexed).toBe(1);
    expect(db.prepare('SELECT service_id, link_id FROM dir_phone, dir_attribute').get()).toEqual({ service_id: 'svc-json-1', link_id: 'svc-json-1' });
  });

  test('a bad value is reported at its line and column in the JSON file, and nothing is written', async () => {
    const db = openDatabase(':memory:');
    const file = path.join(tmpDir(), 'services.json');
    const bad = { ...service, service_at_locations: [{ ...service.service_at_locations[0], location: { ...service.service_at_locations[0]!.location, longitude: 'east' } }] };
    fs.writeFileSync(file, JSON.stringify([bad], null, 2));
    const text = fs.readFileSync(file, 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('"longitude"')) + 1;
    const column = text[line - 1]!.indexOf('"longitude"') + 1;
    const r = await importHsds(db, file);
    expect(errorsOf(r)).toEqual([`${file}:${line}:${column} location.longitude expected a number, got "east"`]);
    expect(db.prepare('SELECT count(*) FROM dir_service').pluck().get()).toBe(0);
  });
});

describe('the progress report', () => {
  const capture = (fn: () => void): string => {
    let out = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      fn();
    } finally {
      spy.mockRestore();
    }
    return out;
  };

  test('a bar redrawn in place on a terminal', () => {
    const out = capture(() => {
      const p = stderrProgress({ tty: true, totalBytes: 100 });
      p.start(100, 'reading demo');
      p.advance(50);
      p.done();
    });
    expect(out).toContain('\rreading demo [##############              ]  50%');
    expect(out.endsWith('] 100%\n')).toBe(true);
  });

  test('a line every 10% for a large input when stderr is not a terminal; nothing for a small one', () => {
    const big = capture(() => {
      const p = stderrProgress({ tty: false, totalBytes: LARGE_INPUT_BYTES });
      p.start(1000, 'reading big');
      for (let i = 0; i < 100; i++) p.advance(10);
      p.done();
    });
    expect(big.split('\n').filter(Boolean)).toEqual(['reading big: 0%', ...[10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((n) => `reading big: ${n}%`)]);
    const small = capture(() => {
      const p = stderrProgress({ tty: false, totalBytes: 1000 });
      p.start(1000, 'reading small');
      p.advance(1000);
      p.done();
    });
    expect(small).toBe('');
  });
});
