/**
 * Reads `flows/*.yaml`: one flow per file, plus `haven.yaml` (entry points and interrupts).
 * Every problem becomes a Diagnostic with file, line and column; nothing half-valid is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { nodeKindNames } from '../engine/nodes';
import type { Diagnostic } from './diagnostics';
import { AppSchema, FlowSchema, type AppConfig, type Flow } from './schema';
import { YamlSource, type YamlPath } from './yaml-source';

export const APP_FILE = 'haven.yaml';

export interface LoadedFlows {
  app: AppConfig | null;
  appSource: YamlSource | null;
  flows: Map<string, Flow>;
  /** where each flow came from, for locating later diagnostics */
  sources: Map<string, YamlSource>;
  /** flow files that exist but failed to load (reported there, not again at every reference) */
  failed: Set<string>;
  diagnostics: Diagnostic[];
}

export function loadFlows(dir: string): LoadedFlows {
  const out: LoadedFlows = {
    app: null,
    appSource: null,
    flows: new Map(),
    sources: new Map(),
    failed: new Set(),
    diagnostics: [],
  };
  if (!fs.existsSync(dir)) {
    out.diagnostics.push({ file: dir, line: 1, column: 1, severity: 'error', message: 'flows folder not found' });
    return out;
  }
  const names = fs
    .readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  if (!names.includes(APP_FILE)) {
    out.diagnostics.push({
      file: path.join(dir, APP_FILE),
      line: 1,
      column: 1,
      severity: 'error',
      message: `missing ${APP_FILE} (entry flow, menu flow, languages and interrupts)`,
    });
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const before = out.diagnostics.length;
    loadFile(name, file, out);
    if (out.diagnostics.length > before && name !== APP_FILE) out.failed.add(name.replace(/\.ya?ml$/, ''));
  }
  return out;
}

/** Load one file into `out`: the app config, or one flow. */
function loadFile(name: string, file: string, out: LoadedFlows): void {
  const source = new YamlSource(file, fs.readFileSync(file, 'utf8'));
  const syntax = source.syntaxErrors();
  if (syntax.length > 0) {
    for (const e of syntax) out.diagnostics.push(error(file, e.pos, `YAML syntax: ${e.message}`));
    return;
  }
  const data = source.toJS();
  if (name === APP_FILE) {
    const parsed = AppSchema.safeParse(data);
    if (parsed.success) {
      out.app = parsed.data;
      out.appSource = source;
    } else out.diagnostics.push(...zodDiagnostics(source, parsed.error));
    return;
  }
  const flow = parseFlow(source, data, out.diagnostics);
  if (!flow) return;
  const expected = name.replace(/\.ya?ml$/, '');
  if (flow.flow !== expected) {
    out.diagnostics.push(
      error(file, source.locateValue(['flow']), `flow id "${flow.flow}" must match the file name ("${expected}")`),
    );
    return;
  }
  if (!(flow.start in flow.nodes)) {
    out.diagnostics.push(error(file, source.locateValue(['start']), `start node "${flow.start}" is not in nodes`));
    return;
  }
  out.flows.set(flow.flow, flow);
  out.sources.set(flow.flow, source);
}

function parseFlow(source: YamlSource, data: unknown, diagnostics: Diagnostic[]): Flow | null {
  // Unknown node kinds are reported by name first: a union error would only say "invalid input".
  const badKinds = new Set<string>();
  const nodes = (data as { nodes?: unknown } | null)?.nodes;
  if (nodes && typeof nodes === 'object') {
    for (const [id, node] of Object.entries(nodes)) {
      const kind = (node as { kind?: unknown } | null)?.kind;
      if (typeof kind === 'string' && !nodeKindNames.includes(kind)) {
        badKinds.add(id);
        diagnostics.push(
          error(
            source.file,
            source.locateValue(['nodes', id, 'kind']),
            `nodes.${id}.kind: unknown node kind "${kind}" (known kinds: ${nodeKindNames.join(', ')})`,
          ),
        );
      } else if (kind === undefined && node && typeof node === 'object') {
        badKinds.add(id);
        diagnostics.push(
          error(source.file, source.locate(['nodes', id]), `nodes.${id}: missing "kind" (one of: ${nodeKindNames.join(', ')})`),
        );
      }
    }
  }
  const parsed = FlowSchema.safeParse(data);
  if (parsed.success && badKinds.size === 0) return parsed.data as Flow;
  if (!parsed.success) {
    const relevant = parsed.error.issues.filter((i) => !(i.path[0] === 'nodes' && badKinds.has(String(i.path[1]))));
    diagnostics.push(...zodDiagnostics(source, { issues: relevant }));
  }
  return null;
}

/** zod issues as diagnostics, each located at its YAML path and worded for an author. */
export function zodDiagnostics(source: YamlSource, error_: { issues: readonly z.core.$ZodIssue[] }): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error_.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const p = [...issue.path, key];
        out.push(error(source.file, source.locate(p), `${dotted(p)}: unknown field "${key}"`));
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    const message = missing ? `missing required field "${String(issue.path[issue.path.length - 1])}"` : issue.message;
    const where = missing ? source.locate(issue.path) : source.locateValue(issue.path);
    out.push(error(source.file, where, `${dotted(issue.path)}: ${message}`));
  }
  return out;
}

function dotted(p: YamlPath): string {
  return p.length === 0 ? '(top level)' : p.map(String).join('.');
}

function error(file: string, pos: { line: number; column: number }, message: string): Diagnostic {
  return { file, line: pos.line, column: pos.column, severity: 'error', message };
}
