/**
 * Loading a deployment's content (flows + locales) in one go, checked. The same function
 * serves `haven flows check` (which prints everything) and start-up (which refuses to start
 * on any error).
 */
import path from 'node:path';
import type { Texts } from '../engine/texts';
import { readLocales, LocaleError, type LocaleFile } from '../i18n/locales';
import { createTexts } from '../i18n/texts';
import { FlowCheckError, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics';
import { lintFlows, type Coverage } from './lint';
import { loadFlows, type LoadedFlows } from './loader';
import type { AppConfig, Flow } from './schema';

export interface ContentPaths {
  flowsDir: string;
  localesDir: string;
}

export interface CheckedContent {
  loaded: LoadedFlows;
  locales: LocaleFile[];
  diagnostics: Diagnostic[];
  coverage: Coverage[];
}

/** Project root (where flows/ and locales/ ship), whether running from src/ or dist/src/. */
export function defaultContentPaths(root = findRoot()): ContentPaths {
  return { flowsDir: path.join(root, 'flows'), localesDir: path.join(root, 'locales') };
}

function findRoot(): string {
  // src/flows -> repo root; dist/src/flows -> repo root
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

export function checkContent(paths: ContentPaths): CheckedContent {
  const loaded = loadFlows(paths.flowsDir);
  let locales: LocaleFile[] = [];
  const diagnostics = [...loaded.diagnostics];
  try {
    locales = readLocales(paths.localesDir);
  } catch (e) {
    if (!(e instanceof LocaleError)) throw e;
    diagnostics.push({ file: e.file, line: 1, column: 1, severity: 'error', message: e.message.slice(e.file.length + 2) });
  }
  const lint = lintFlows(loaded, locales, paths.localesDir);
  diagnostics.push(...lint.diagnostics);
  return { loaded, locales, diagnostics: sortDiagnostics(diagnostics), coverage: lint.coverage };
}

export interface Content {
  app: AppConfig;
  flows: Map<string, Flow>;
  texts: Texts;
  /** warnings (unused keys) that did not stop loading */
  warnings: Diagnostic[];
}

/** Load and check content; throws FlowCheckError listing every error if anything is wrong. */
export function loadContent(paths: ContentPaths = defaultContentPaths()): Content {
  const checked = checkContent(paths);
  if (hasErrors(checked.diagnostics) || !checked.loaded.app) throw new FlowCheckError(checked.diagnostics);
  const app = checked.loaded.app;
  return {
    app,
    flows: checked.loaded.flows,
    texts: createTexts(checked.locales, app.languages),
    warnings: checked.diagnostics,
  };
}
