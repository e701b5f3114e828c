/**
 * A small flow set with the whole warm handoff: who is chatting, consent (or the anonymous path
 * below the age of digital consent), the summary the person can trim, an optional message, and
 * the live chat. Independent of the shipped flows, for the handoff core's tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_APP, FORGET_FLOW, FORGET_WORDS, type ContentSpec } from './content-builder';

const locale = (lng: string, ns: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'locales', lng, `${ns}.json`), 'utf8'));

export const HANDOFF_CONTENT: ContentSpec = {
  flows: {
    haven: DEFAULT_APP.replace('delete: { flow: menu', 'delete: { flow: forget').replace('human: { flow: menu', 'human: { flow: person'),
    main: `
flow: main
title: title
start: who
nodes:
  who:
    kind: choice
    text: who
    var: audience
    choices:
      - { id: age_13_17, label: teen, next: country }
      - { id: adult, label: adult, next: country }
  country:
    kind: choice
    text: country
    var: country
    choices:
      - { id: pl, label: poland, next: person }
      - { id: de, label: germany, next: person }
  person: { kind: call, flow: person, next: done }
  done: { kind: message, text: done, next: end }
  end: { kind: end }
`,
    person: `
flow: person
title: title
start: explain
nodes:
  explain: { kind: message, text: explain, next: consent }
  consent:
    kind: consent
    purpose: handoff
    text: consent
    accept: yes
    decline: no
    yes: summary
    no: declined
    under_age: minor
  minor: { kind: message, text: minor, next: summary }
  declined: { kind: message, text: declined, next: end }
  summary:
    kind: summary
    text: summary
    fields:
      - { var: audience, label: label_audience, values: { age_13_17: 'main:teen', adult: 'main:adult' } }
      - { var: country, label: label_country, format: country }
    signs: { label: label_signs, flags: { sign_documents: sign_documents } }
    remove: remove
    send: send
    cancel: cancel
    next: message
    cancelled: end
  message:
    kind: handoff
    topic: general
    text: message
    skip: skip
    next: chat
  chat:
    kind: relay
    text: chat
    end: end_chat
    unavailable: unavailable
    keep: keep
    category: child_helpline
    next: after
  after: { kind: message, text: after, next: end }
  end: { kind: end }
`,
    menu: `
flow: menu
title: title
start: pick
nodes:
  pick:
    kind: choice
    text: pick
    choices:
      - { id: person, label: person, next: person }
  person: { kind: goto, flow: person }
`,
    emergency: `
flow: emergency
title: title
start: call
nodes:
  call: { kind: message, text: call, next: options }
  options:
    kind: choice
    text: options
    choices:
      - { id: back, label: back, next: back }
  back: { kind: resume }
`,
    forget: FORGET_FLOW,
  },
  locales: Object.fromEntries(
    ['en', 'ar'].map((lng) => [
      lng,
      {
        main: { title: 'Main', who: 'Who?', teen: '13 to 17', adult: '18 or over', country: 'Where?', poland: 'Poland', germany: 'Germany', done: 'Back home.' },
        person: {
          title: 'Person',
          explain: 'Helpers answer {{handoff_hours}}.',
          consent: `[${lng}] May we keep what you share with the helper?`,
          yes: 'Yes',
          no: 'No',
          minor: 'Nothing will be kept after the chat.',
          declined: 'OK.',
          summary: 'This is what I would share:',
          label_audience: 'Age group',
          label_country: 'Country',
          label_signs: 'Signs',
          sign_documents: 'documents taken',
          remove: 'Remove: {{line}}',
          send: 'Send',
          cancel: 'Cancel',
          message: 'Anything to add in your own words?',
          skip: 'Send without a message',
          chat: 'Write here.',
          end_chat: 'End the chat',
          unavailable: 'Nobody can answer right now.',
          keep: 'Keep waiting',
          after: 'The chat has ended.',
        },
        menu: { title: 'Menu', pick: 'Menu', person: 'Person' },
        emergency: { title: 'Emergency', call: 'Call 112', options: 'Next?', back: 'Back' },
        forget: FORGET_WORDS,
        privacy: locale(lng, 'privacy'),
        handoff: locale(lng, 'handoff'),
        cards: locale(lng, 'cards'),
      },
    ]),
  ),
};
