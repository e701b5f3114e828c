/**
 * The directory of one Haven: the store over the shared database, the finder that answers
 * `services` events, and the demo directory loaded into an empty database when the
 * deployment allows it (so a newcomer sees the feature working).
 */
import type { Texts } from '../engine/texts';
import type { Clock } from '../engine/types';
import type { Db } from '../store/database';
import { Directory } from './directory';
import { DirectoryFinder } from './finder';
import { importHsdsSync } from './hsds/import';
import { formatProblem } from './hsds/problems';
import { demoPackageDir } from './paths';
import { rebuildSearchIndex } from './search/index-builder';
import { directorySettings } from './settings';
import { readSettings } from '../server/settings';

/** Reads from the page cache and the file map instead of system calls: the index is read a lot. */
const MMAP_BYTES = 256 * 1024 * 1024;

export interface OpenedDirectory {
  directory: Directory;
  finder: DirectoryFinder;
  /** true when the demo directory was loaded just now */
  demoLoaded: boolean;
}

export function openDirectory(db: Db, o: { texts: Texts; clock: Clock; demo?: boolean }): OpenedDirectory {
  if (db.name !== ':memory:') db.pragma(`mmap_size = ${MMAP_BYTES}`);
  const directory = new Directory(db);
  const demo = o.demo ?? readSettings(directorySettings).HAVEN_DEMO_DIRECTORY;
  let demoLoaded = false;
  // An index dropped by a migration (its layout changed) is built again from the directory.
  if (!directory.isEmpty() && db.prepare('SELECT 1 FROM dir_near_detail LIMIT 1').get() === undefined) {
    db.transaction(() => rebuildSearchIndex(db))();
  }
  if (demo && directory.isEmpty()) {
    const result = importHsdsSync(db, demoPackageDir());
    if (!result.ok) throw new Error(`the demo directory does not import:\n${result.problems.map(formatProblem).join('\n')}`);
    demoLoaded = true;
  }
  return { directory, finder: new DirectoryFinder(directory, { texts: o.texts, clock: o.clock }), demoLoaded };
}
