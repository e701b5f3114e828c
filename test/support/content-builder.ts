/**
 * Build a small content set (flows + locales) in a temp folder from inline text, load it with
 * the real loader, and get an engine over it. For engine tests that need exact flows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createEngine, type Engine } from '../../src/engine/engine';
import { loadContent } from '../../src/flows/content';
import { tempDir } from './tmp';

export interface ContentSpec {
  /** flow id -> YAML text (haven.yaml is added unless given) */
  flows: Record<string, string>;
  /** lng -> namespace -> keys */
  locales: Record<string, Record<string, Record<string, unknown>>>;
}

const ENGINE_WORDS = [
  'not_understood',
  'offer_menu',
  'menu_choice',
  'flow_changed',
  'location_not_needed',
  'something_wrong',
  'missing_text',
  'invalid_number',
  'invalid_age',
  'invalid_short_text',
];

export const DEFAULT_APP = `
entry: main
menu: menu
languages: [en, ar]
interrupts:
  emergency: { flow: emergency, match: contains, resumable: true, commands: [sos] }
  delete: { flow: menu, match: whole, after: idle }
  stop: { flow: menu, match: whole, after: idle }
  human: { flow: menu, match: whole }
  language: { flow: menu, match: whole }
  menu: { flow: menu, match: whole, after: idle }
`;

/** A "delete my data" flow: erase, confirm ("Erased."), end. Its words: `FORGET_WORDS`. */
export const FORGET_FLOW = `
flow: forget
title: title
start: erase
nodes:
  erase: { kind: erase, next: done }
  done: { kind: message, text: done, next: end }
  end: { kind: end }
`;
export const FORGET_WORDS = { title: 'Forget', done: 'Erased.' };

/** Engine words and interrupt words for `lng`, so specs only give their own keys. */
export function baseLocale(lng: string): Record<string, Record<string, unknown>> {
  return {
    engine: Object.fromEntries(ENGINE_WORDS.map((k) => [k, `[${lng}] ${k}`])),
    interrupts: {
      emergency: ['help me'],
      delete: ['delete'],
      stop: ['stop'],
      human: ['human'],
      language: ['language'],
      menu: ['menu'],
    },
  };
}

export function writeContent(spec: ContentSpec): { flowsDir: string; localesDir: string } {
  const dir = tempDir('haven-built-');
  const flowsDir = path.join(dir, 'flows');
  const localesDir = path.join(dir, 'locales');
  fs.mkdirSync(flowsDir);
  const flows = { haven: DEFAULT_APP, ...spec.flows };
  for (const [id, text] of Object.entries(flows)) fs.writeFileSync(path.join(flowsDir, `${id}.yaml`), text);
  for (const [lng, namespaces] of Object.entries(spec.locales)) {
    fs.mkdirSync(path.join(localesDir, lng), { recursive: true });
    for (const [ns, data] of Object.entries({ ...baseLocale(lng), ...namespaces })) {
      fs.writeFileSync(path.join(localesDir, lng, `${ns}.json`), JSON.stringify(data, null, 2));
    }
  }
  return { flowsDir, localesDir };
}

export function buildEngine(spec: ContentSpec): Engine {
  return createEngine(loadContent(writeContent(spec)));
}
