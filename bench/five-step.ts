/**
 * The 5-step conversation every engine benchmark uses: two choice questions, an age, two more
 * choices, then a closing message. The same dialog is written with Bot Framework dialogs in
 * `dialogs-baseline.ts`, so both run the same conversation.
 */
import { createEngine, type Engine } from '../src/engine/engine';
import type { Input } from '../src/engine/types';
import type { Flow } from '../src/flows/schema';
import { AppSchema } from '../src/flows/schema';
import type { LocaleFile } from '../src/i18n/locales';
import { createTexts } from '../src/i18n/texts';

const intake: Flow = {
  flow: 'intake',
  title: 'title',
  start: 'who',
  nodes: {
    who: {
      kind: 'choice',
      text: 'who',
      var: 'who',
      choices: [
        { id: 'me', label: 'me', next: 'topic' },
        { id: 'friend', label: 'friend', next: 'topic' },
        { id: 'child', label: 'child', next: 'topic' },
      ],
    },
    topic: {
      kind: 'choice',
      text: 'topic',
      var: 'topic',
      choices: [
        { id: 'job', label: 'job', next: 'age' },
        { id: 'travel', label: 'travel', next: 'age' },
        { id: 'online', label: 'online', next: 'age' },
      ],
    },
    age: { kind: 'input', text: 'age', validator: 'age', var: 'age', next: 'country' },
    country: {
      kind: 'choice',
      text: 'country',
      var: 'country',
      choices: [
        { id: 'pl', label: 'pl', next: 'contact' },
        { id: 'de', label: 'de', next: 'contact' },
        { id: 'co', label: 'co', next: 'contact' },
      ],
    },
    contact: {
      kind: 'choice',
      text: 'contact',
      var: 'contact',
      choices: [
        { id: 'yes', label: 'yes', next: 'thanks' },
        { id: 'no', label: 'no', next: 'thanks' },
      ],
    },
    thanks: { kind: 'message', text: 'thanks', next: 'end' },
    end: { kind: 'end' },
  },
};

export const WORDS = {
  title: 'Intake',
  who: 'Who is this about?',
  me: 'Me',
  friend: 'A friend',
  child: 'My child',
  topic: 'What is it about?',
  job: 'A job offer',
  travel: 'Travel',
  online: 'Something online',
  age: 'How old are you?',
  country: 'Where are you?',
  pl: 'Poland',
  de: 'Germany',
  co: 'Colombia',
  contact: 'Would you like to talk to a person?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thank you.',
};

/** What each user types, turn by turn (the first starts the conversation). */
export const SCRIPT = ['hi', '2', 'a job offer', '15', 'Germany', 'yes'];

export function scriptInput(turn: number): Input {
  return turn === 0 ? { type: 'start', langHint: 'en' } : { type: 'text', text: SCRIPT[turn]! };
}

export function fiveStepEngine(): Engine {
  const app = AppSchema.parse({
    entry: 'intake',
    menu: 'intake',
    languages: ['en'],
    interrupts: Object.fromEntries(
      ['emergency', 'delete', 'stop', 'human', 'language', 'menu'].map((n) => [n, { flow: 'intake', match: n === 'emergency' ? 'contains' : 'whole' }]),
    ),
  });
  const engineWords = Object.fromEntries(
    ['not_understood', 'offer_menu', 'menu_choice', 'flow_changed', 'location_not_needed', 'something_wrong', 'missing_text', 'invalid_number', 'invalid_age', 'invalid_short_text'].map((k) => [k, k]),
  );
  const files: LocaleFile[] = [
    { lng: 'en', ns: 'intake', file: 'intake.json', data: WORDS },
    { lng: 'en', ns: 'engine', file: 'engine.json', data: engineWords },
    {
      lng: 'en',
      ns: 'interrupts',
      file: 'interrupts.json',
      data: { emergency: ['help me', 'i am in danger', 'someone is hurting me'], delete: ['delete'], stop: ['stop'], human: ['human'], language: ['language'], menu: ['menu'] },
    },
  ];
  return createEngine({ app, flows: new Map([['intake', intake]]), texts: createTexts(files, ['en']) });
}
