/**
 * A small, stable content set for channel tests, so they test the channel and not whatever the
 * shipped lessons say this week: a language question, a menu, a two-question lesson, a
 * location question with alternatives, and the six interrupt flows. The words the channels and
 * the engine say themselves (every code namespace) and the interrupt words are the shipped
 * ones, in all six languages; the flows' own words are short and marked with the language.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent, type Content, type ContentPaths } from '../../src/flows/content';
import { CODE_NAMESPACES, LIST_NAMESPACES } from '../../src/i18n/code-namespaces';
import { tempDir } from './tmp';

export const LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'ru'] as const;
const SHIPPED_LOCALES = path.join(__dirname, '..', '..', 'locales');

const APP = `entry: onboarding
menu: menu
languages: [${LANGUAGES.join(', ')}]
interrupts:
  emergency: { flow: emergency, match: contains, resumable: true, commands: [sos, emergency] }
  delete: { flow: delete, match: whole, after: idle, commands: [delete] }
  stop: { flow: stop, match: whole, after: idle, commands: [stop] }
  human: { flow: person, match: whole, commands: [human, person] }
  language: { flow: language, match: whole, commands: [language] }
  menu: { flow: menu, match: whole, after: idle, commands: [menu] }
`;

const languageChoices = LANGUAGES.map((l) => `      - { id: ${l}, label: ${l}_name, next: welcome }`).join('\n');

const FLOWS: Record<string, string> = {
  onboarding: `flow: onboarding
title: title
start: pick_language
nodes:
  pick_language:
    kind: choice
    text: choose
    var: lang
    choices:
${languageChoices}
  welcome: { kind: message, text: welcome, next: who }
  who:
    kind: choice
    text: who
    var: audience
    choices:
      - { id: age_13_17, label: teen, next: to_menu }
      - { id: adult, label: adult, next: to_menu }
  to_menu: { kind: goto, flow: menu }
`,
  menu: `flow: menu
title: title
start: main
nodes:
  main:
    kind: choice
    text: main
    choices:
      - { id: learn, label: learn, next: learn }
      - { id: find_help, label: find_help, next: find_help }
      - { id: done, label: done, next: bye }
  learn: { kind: call, flow: lesson, next: main }
  find_help: { kind: call, flow: find_help, next: main }
  bye: { kind: message, text: bye, next: end }
  end: { kind: end }
`,
  lesson: `flow: lesson
title: title
start: q1
nodes:
  q1:
    kind: choice
    text: q1
    choices:
      - { id: red_flag, label: red_flag, next: q1_right }
      - { id: ok, label: looks_ok, next: q1_wrong }
  q1_right: { kind: message, text: q1_right, next: q2 }
  q1_wrong: { kind: message, text: q1_wrong, next: q2 }
  q2:
    kind: choice
    text: q2
    choices:
      - { id: red_flag, label: red_flag, next: done }
      - { id: ok, label: looks_ok, next: done }
  done: { kind: end }
`,
  find_help: `flow: find_help
title: title
start: where
nodes:
  where:
    kind: location
    text: where
    next: search
    choices:
      - { id: skip, label: skip, next: national }
  search: { kind: services, category: shelter, next: results }
  results: { kind: message, text: results, next: end }
  national: { kind: services, category: shelter, next: national_note }
  national_note: { kind: message, text: national_note, next: end }
  end: { kind: end }
`,
  emergency: `flow: emergency
title: title
start: call_now
nodes:
  call_now: { kind: message, text: call_now, next: options }
  options:
    kind: choice
    text: options
    choices:
      - { id: back, label: back, next: back }
      - { id: menu, label: menu, next: menu }
  back: { kind: resume }
  menu: { kind: goto, flow: menu }
`,
  delete: `flow: delete
title: title
start: erase
nodes:
  erase: { kind: erase, next: done }
  done: { kind: message, text: done, next: end }
  end: { kind: end }
`,
  stop: `flow: stop
title: title
start: bye
nodes:
  bye: { kind: message, text: bye, next: end }
  end: { kind: end }
`,
  person: `flow: person
title: title
start: soon
nodes:
  soon: { kind: message, text: soon, next: end }
  end: { kind: end }
`,
  language: `flow: language
title: title
start: pick
nodes:
  pick:
    kind: choice
    text: choose
    var: lang
    choices:
${LANGUAGES.map((l) => `      - { id: ${l}, label: onboarding:${l}_name, next: end }`).join('\n')}
  end: { kind: end }
`,
};

const NAMES: Record<string, string> = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية', uk: 'Українська', ru: 'Русский' };

/** Each flow's words: "[uk] q1" and so on, except the language names. */
function words(lng: string): Record<string, Record<string, string>> {
  const w = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, `[${lng}] ${k}`]));
  return {
    onboarding: { ...w(['title', 'choose', 'welcome', 'who', 'teen', 'adult']), ...Object.fromEntries(LANGUAGES.map((l) => [`${l}_name`, NAMES[l]!])) },
    menu: w(['title', 'main', 'learn', 'find_help', 'done', 'bye']),
    lesson: w(['title', 'q1', 'q1_right', 'q1_wrong', 'q2', 'red_flag', 'looks_ok']),
    find_help: w(['title', 'where', 'skip', 'results', 'national_note']),
    emergency: w(['title', 'call_now', 'options', 'back', 'menu']),
    delete: w(['title', 'done']),
    stop: w(['title', 'bye']),
    person: w(['title', 'soon']),
    language: w(['title', 'choose']),
  };
}

let made: { paths: ContentPaths; content: Content } | undefined;

/** The channel-test content, written once per test file to a temp folder and loaded (checked). */
export function channelContent(): { paths: ContentPaths; content: Content } {
  if (made) return made;
  const dir = tempDir('haven-channel-content-');
  const flowsDir = path.join(dir, 'flows');
  const localesDir = path.join(dir, 'locales');
  fs.mkdirSync(flowsDir);
  fs.writeFileSync(path.join(flowsDir, 'haven.yaml'), APP);
  for (const [id, yaml] of Object.entries(FLOWS)) fs.writeFileSync(path.join(flowsDir, `${id}.yaml`), yaml);
  for (const lng of LANGUAGES) {
    const into = path.join(localesDir, lng);
    fs.mkdirSync(into, { recursive: true });
    for (const ns of [...CODE_NAMESPACES, ...LIST_NAMESPACES]) {
      const shipped = path.join(SHIPPED_LOCALES, lng, `${ns}.json`);
      if (fs.existsSync(shipped)) fs.copyFileSync(shipped, path.join(into, `${ns}.json`));
    }
    for (const [ns, keys] of Object.entries(words(lng))) fs.writeFileSync(path.join(into, `${ns}.json`), JSON.stringify(keys));
  }
  const paths = { flowsDir, localesDir };
  made = { paths, content: loadContent(paths) };
  return made;
}
