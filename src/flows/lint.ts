/**
 * The flow check: everything that can be wrong with flows and their translations, found
 * before a user meets it. Used by `haven flows check` and at start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_KEYS } from '../engine/messages';
import type { Ref } from '../engine/node-kind';
import { nodeKind } from '../engine/nodes';
import { CODE_NAMESPACES, LIST_NAMESPACES } from '../i18n/code-namespaces';
import { INTERRUPTS_NS } from '../i18n/texts';
import { leafKeys, type LocaleFile } from '../i18n/locales';
import type { Diagnostic } from './diagnostics';
import type { LoadedFlows } from './loader';
import { interruptNames, type Flow } from './schema';
import { YamlSource, type Position } from './yaml-source';

export interface Coverage {
  lng: string;
  present: number;
  total: number;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  coverage: Coverage[];
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

interface KeyUse {
  key: string; // qualified: ns:key
  file: string;
  pos: Position;
}

export function lintFlows(loaded: LoadedFlows, locales: readonly LocaleFile[], localesDir: string): LintResult {
  const diagnostics: Diagnostic[] = [];
  const uses: KeyUse[] = [];
  const err = (file: string, pos: Position, message: string) =>
    diagnostics.push({ file, line: pos.line, column: pos.column, severity: 'error', message });

  for (const [id, flow] of loaded.flows) {
    const source = loaded.sources.get(id)!;
    uses.push({ key: qualify(flow.title, id), file: source.file, pos: source.locateValue(['title']) });
    lintFlowGraph(flow, source, loaded, uses, err);
  }

  const app = loaded.app;
  if (app && loaded.appSource) {
    const src = loaded.appSource;
    const flowTargets: [string, (string | number)[]][] = [
      [app.entry, ['entry']],
      [app.menu, ['menu']],
      ...interruptNames.map((n): [string, (string | number)[]] => [app.interrupts[n].flow, ['interrupts', n, 'flow']]),
    ];
    for (const [target, p] of flowTargets) {
      if (!loaded.flows.has(target) && !loaded.failed.has(target)) err(src.file, src.locateValue(p), `${p.join('.')}: unknown flow "${target}"`);
    }
  }

  const languages = app?.languages ?? [];
  const coverage = lintKeys(languages, locales, localesDir, uses, diagnostics, loaded.failed);
  return { diagnostics, coverage };
}

function lintFlowGraph(
  flow: Flow,
  source: YamlSource,
  loaded: LoadedFlows,
  uses: KeyUse[],
  err: (file: string, pos: Position, message: string) => void,
): void {
  const edges = new Map<string, string[]>();
  const forward = new Set<string>(); // nodes that wait for the user or leave the flow
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    const kind = nodeKind(node.kind)!;
    const base = ['nodes', nodeId];
    const targets: string[] = [];
    for (const ref of kind.refs(node) as Ref[]) {
      const p = [...base, ...ref.path];
      if (ref.type === 'key') uses.push({ key: qualify(ref.id, flow.flow), file: source.file, pos: source.locateValue(p) });
      else if (ref.type === 'flow') {
        if (!loaded.flows.has(ref.id) && !loaded.failed.has(ref.id))
          err(source.file, source.locateValue(p), `${p.join('.')}: unknown flow "${ref.id}"`);
      } else if (!(ref.id in flow.nodes)) {
        err(source.file, source.locateValue(p), `${p.join('.')}: unknown node "${ref.id}" in flow "${flow.flow}"`);
      } else targets.push(ref.id);
    }
    edges.set(nodeId, targets);
    if (kind.waits || kind.exits(node)) forward.add(nodeId);

    const choices = (node as { choices?: { id: string }[] }).choices;
    if (Array.isArray(choices)) {
      const seen = new Set<string>();
      choices.forEach((c, i) => {
        if (seen.has(c.id)) {
          const p = [...base, 'choices', i, 'id'];
          err(source.file, source.locateValue(p), `${p.join('.')}: duplicate choice id "${c.id}"`);
        }
        seen.add(c.id);
      });
    }
  }

  // Reachable from the start.
  const reached = new Set([flow.start]);
  const queue = [flow.start];
  while (queue.length) for (const t of edges.get(queue.pop()!) ?? []) if (!reached.has(t)) (reached.add(t), queue.push(t));
  for (const nodeId of Object.keys(flow.nodes)) {
    if (!reached.has(nodeId))
      err(source.file, source.locate(['nodes', nodeId]), `nodes.${nodeId}: unreachable (no path from start "${flow.start}" leads here)`);
  }

  // A way forward: every node must lead to a question or out of the flow; otherwise it loops forever.
  const reverse = new Map<string, string[]>();
  for (const [from, targets] of edges) for (const t of targets) (reverse.get(t) ?? reverse.set(t, []).get(t)!).push(from);
  const ok = new Set(forward);
  const back = [...forward];
  while (back.length) for (const f of reverse.get(back.pop()!) ?? []) if (!ok.has(f)) (ok.add(f), back.push(f));
  for (const nodeId of Object.keys(flow.nodes)) {
    if (!ok.has(nodeId) && reached.has(nodeId))
      err(
        source.file,
        source.locate(['nodes', nodeId]),
        `nodes.${nodeId}: no way forward (it never reaches a question or an end, so the conversation would loop)`,
      );
  }
}

function qualify(key: string, flowId: string): string {
  return key.includes(':') ? key : `${flowId}:${key}`;
}

function lintKeys(
  languages: readonly string[],
  locales: readonly LocaleFile[],
  localesDir: string,
  uses: KeyUse[],
  diagnostics: Diagnostic[],
  failedFlows: ReadonlySet<string>,
): Coverage[] {
  const fileOf = (lng: string, ns: string) => locales.find((f) => f.lng === lng && f.ns === ns);
  const leaves = new Map<string, Set<string>>(); // lng -> set of ns:key leaves (plural suffix kept)
  for (const f of locales) {
    const set = leaves.get(f.lng) ?? leaves.set(f.lng, new Set()).get(f.lng)!;
    for (const k of leafKeys(f.data)) set.add(`${f.ns}:${k}`);
  }

  for (const lng of languages) {
    if (!leaves.has(lng)) {
      diagnostics.push({
        file: path.join(localesDir, lng),
        line: 1,
        column: 1,
        severity: 'error',
        message: `language "${lng}" is listed in haven.yaml but has no locale files`,
      });
    }
    const words = fileOf(lng, INTERRUPTS_NS);
    for (const name of interruptNames) {
      const list = words?.data[name];
      if (!Array.isArray(list) || list.length === 0) {
        diagnostics.push({
          file: words?.file ?? path.join(localesDir, lng, `${INTERRUPTS_NS}.json`),
          line: 1,
          column: 1,
          severity: 'error',
          message: `no words for the "${name}" interrupt in ${lng}`,
        });
      }
    }
  }

  // Keys the code itself says: the engine's own, and every key of a code namespace.
  const fallback = languages[0] ?? 'en';
  const codeKeys = new Set<string>(Object.values(ENGINE_KEYS));
  for (const f of locales) {
    if (f.lng !== fallback || !CODE_NAMESPACES.includes(f.ns)) continue;
    for (const leaf of leafKeys(f.data)) codeKeys.add(`${f.ns}:${leaf.replace(PLURAL_SUFFIX, '')}`);
  }
  const codeUses: KeyUse[] = [...codeKeys].map((key) => ({
    key,
    file: path.join(localesDir, fallback, `${key.slice(0, key.indexOf(':'))}.json`),
    pos: { line: 1, column: 1 },
  }));
  const firstUse = new Map<string, KeyUse>();
  for (const u of [...uses, ...codeUses]) if (!firstUse.has(u.key)) firstUse.set(u.key, u);
  const referenced = new Set(firstUse.keys());

  const coverage: Coverage[] = [];
  for (const lng of languages) {
    const have = leaves.get(lng);
    if (!have) {
      coverage.push({ lng, present: 0, total: referenced.size }); // reported once above, not key by key
      continue;
    }
    const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories as string[];
    let present = 0;
    for (const key of referenced) {
      const state = keyState(have, key, categories);
      if (state.ok) present++;
      else {
        const use = firstUse.get(key)!;
        const ns = key.slice(0, key.indexOf(':'));
        const where = path.join(localesDir, lng, `${ns}.json`);
        const at = codeUses.includes(use) ? { ...use, file: where } : use;
        diagnostics.push({
          file: at.file,
          line: at.pos.line,
          column: at.pos.column,
          severity: 'error',
          message: state.missingForms
            ? `key "${key}" lacks plural forms ${state.missingForms.join(', ')} in ${lng} (${where})`
            : `key "${key}" is missing in ${lng} (${where})`,
        });
      }
    }
    coverage.push({ lng, present, total: referenced.size });
  }

  // Unused keys: translations nothing refers to (often a typo in a flow, or a leftover).
  const sources = new Map<string, YamlSource>();
  for (const f of locales) {
    // A flow that failed to load uses none of its keys: do not bury its error under warnings.
    if (LIST_NAMESPACES.includes(f.ns) || failedFlows.has(f.ns)) continue;
    for (const leaf of leafKeys(f.data)) {
      const key = `${f.ns}:${leaf.replace(PLURAL_SUFFIX, '')}`;
      if (referenced.has(key)) continue;
      let src = sources.get(f.file);
      if (!src) sources.set(f.file, (src = new YamlSource(f.file, fs.readFileSync(f.file, 'utf8'))));
      const pos = src.locate(leaf.split('.'));
      diagnostics.push({
        file: f.file,
        line: pos.line,
        column: pos.column,
        severity: 'warning',
        message: `unused key "${key}" (no flow or code refers to it)`,
      });
    }
  }
  return coverage;
}

function keyState(have: Set<string>, key: string, categories: string[]): { ok: boolean; missingForms?: string[] } {
  if (have.has(key)) return { ok: true };
  const forms = ['zero', 'one', 'two', 'few', 'many', 'other'].filter((c) => have.has(`${key}_${c}`));
  if (forms.length === 0) return { ok: false };
  const missing = categories.filter((c) => !forms.includes(c));
  return missing.length === 0 ? { ok: true } : { ok: false, missingForms: missing };
}
