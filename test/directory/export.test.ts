/** `haven export hsds`: a package that imports back to the same data, confidential places kept and marked. */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { exportHsds } from '../../src/directory/hsds/export';
import { importHsds } from '../../src/directory/hsds/import';
import { openDatabase } from '../../src/store/database';
import { DEMO_DIR, dump, tmpDir } from './support';

const HAVEN = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'haven.js');

describe('export then import', () => {
  test('round-trips the whole directory, search index included', async () => {
    const a = openDatabase(':memory:');
    await importHsds(a, DEMO_DIR);
    // A second package on top, with values that need CSV quoting and a JSON-only shape.
    const extra = path.join(tmpDir(), 'extra.json');
    fs.writeFileSync(extra, JSON.stringify([{
      id: 'svc-x', name: 'Quote "test", comma (demo)', status: 'active', description: 'two\nlines', haven_category: 'health',
      haven_verified: true, haven_verified_date: '2026-10-01', minimum_age: 0, maximum_age: 17,
      schedules: [{ id: 'sch-x', byday: '-1FR', freq: 'MONTHLY', opens_at: '22:00', closes_at: '02:00', timezone: 'Europe/Berlin' }],
      service_at_locations: [{ id: 'sal-x', location: { id: 'loc-x', location_type: 'physical', latitude: -33.9249, longitude: 18.4241, haven_confidential_address: true } }],
    }]));
    expect((await importHsds(a, extra)).ok).toBe(true);

    const dir = tmpDir();
    const out = exportHsds(a, dir);
    expect(out.rows.service).toBe(28);
    expect(out.confidentialLocations).toBe(6);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8')).resources.map((r: { name: string }) => r.name)).toContain('service_at_location');

    const b = openDatabase(':memory:');
    const back = await importHsds(b, dir);
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dump(b)).toEqual(dump(a));
  });

  test('the export keeps confidential addresses for the deployer, marked', async () => {
    const db = openDatabase(':memory:');
    await importHsds(db, DEMO_DIR);
    const dir = tmpDir();
    exportHsds(db, dir);
    const locations = fs.readFileSync(path.join(dir, 'location.csv'), 'utf8');
    expect(locations).toMatch(/demo-krakow-shelter-loc,physical,.*,50\.0712,19\.9573,true/);
    const addresses = fs.readFileSync(path.join(dir, 'address.csv'), 'utf8');
    expect(addresses).toContain('demo-krakow-shelter-addr');
    // Owner-only files: the export holds what the chat never shows.
    expect(fs.statSync(path.join(dir, 'address.csv')).mode & 0o077).toBe(0);
  });

  test('the commands: import, import again (no change), a bad package (exit 1, file:row:column), export', () => {
    const data = tmpDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [HAVEN, ...args, '--data-dir', data], { encoding: 'utf8' });
    const first = run('import', 'hsds', DEMO_DIR);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Imported organization 27, service 27, .* 27 service locations are searchable\./);
    expect(run('import', 'hsds', DEMO_DIR).status).toBe(0);

    const bad = tmpDir();
    for (const f of fs.readdirSync(DEMO_DIR)) fs.copyFileSync(path.join(DEMO_DIR, f), path.join(bad, f));
    fs.appendFileSync(path.join(bad, 'schedule.csv'), 'bad-schedule,demo-berlin-legal-svc,,,,,,,,,,WEEKLY,,MO,,,25:00,26:00,\n');
    const failed = run('import', 'hsds', bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`${path.join(bad, 'schedule.csv')}:32:17 schedule.opens_at expected a time like 09:00 or 17:30, got "25:00"`);
    expect(failed.stderr).toContain('nothing was imported; the directory is unchanged');

    const out = tmpDir();
    const exported = run('export', 'hsds', out);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('keep this folder private');
    expect(fs.readFileSync(path.join(out, 'service.csv'), 'utf8').split('\n').length).toBe(29);
    expect(run('import', 'hsds', '--help').stdout).toContain('Usage: haven import hsds PATH');
  });
});
