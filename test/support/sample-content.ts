/**
 * A small content set for engine and store tests, independent of the shipped flows: a choice
 * (fruit), an age, a short text, a location with an alternative, a branch on age, set and add,
 * a call to another flow, a plural score; a menu and an emergency flow with `resume`.
 */
import { DEFAULT_APP, FORGET_FLOW, FORGET_WORDS, type ContentSpec } from './content-builder';

export const SAMPLE: ContentSpec = {
  flows: {
    haven: DEFAULT_APP.replace('delete: { flow: menu', 'delete: { flow: forget'),
    forget: FORGET_FLOW,
    main: `
flow: main
title: title
start: fruit
nodes:
  fruit:
    kind: choice
    text: fruit
    var: fruit
    choices:
      - { id: apple, label: apple, next: age }
      - { id: banana, label: banana, next: age }
      - { id: french, label: french, next: age }
      - { id: looks_ok, label: looks_ok, next: age }
  age:
    kind: input
    text: age
    validator: age
    var: age
    next: nickname
  nickname:
    kind: input
    text: nickname
    validator: short_text
    var: nickname
    next: where
  where:
    kind: location
    text: where
    next: split
    choices:
      - { id: skip, label: skip, next: split }
  split:
    kind: branch
    cases:
      - when: { var: age, lt: 13 }
        next: child
    else: older
  child: { kind: message, text: child, next: points }
  older: { kind: message, text: older, next: points }
  points:
    kind: set
    set: { points: 1 }
    add: { points: 1 }
    next: sub
  sub: { kind: call, flow: sub, next: score }
  score: { kind: message, text: score, count: points, next: end }
  end: { kind: end }
`,
    sub: `
flow: sub
title: title
start: hello
nodes:
  hello: { kind: message, text: hello, next: end }
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
      - { id: again, label: again, next: again }
  again: { kind: goto, flow: main }
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
      - { id: menu, label: menu, next: menu }
  back: { kind: resume }
  menu: { kind: goto, flow: menu }
`,
  },
  locales: {
    en: {
      main: {
        title: 'Main',
        fruit: 'Which fruit?',
        apple: 'Apple',
        banana: 'Banana',
        french: 'Français',
        looks_ok: 'Looks OK',
        age: 'How old are you?',
        nickname: 'A short word?',
        where: 'Where are you?',
        skip: 'Skip',
        child: 'Child track',
        older: 'Older track',
        score_one: 'You have {{count}} point.',
        score_other: 'You have {{count}} points.',
      },
      sub: { title: 'Sub', hello: 'Hello from sub' },
      forget: FORGET_WORDS,
      menu: { title: 'Menu', pick: 'Menu: pick one', again: 'Again' },
      emergency: { title: 'Emergency', call: 'Call 112 now', options: 'What next?', back: 'Back', menu: 'Menu' },
    },
    ar: {
      main: {
        title: 'رئيسي',
        fruit: 'أي فاكهة؟',
        apple: 'تفاحة',
        banana: 'موزة',
        french: 'Français',
        looks_ok: 'يبدو سليماً',
        age: 'كم عمرك؟',
        nickname: 'كلمة قصيرة؟',
        where: 'أين أنت؟',
        skip: 'تخطَّ',
        child: 'مسار الطفل',
        older: 'مسار الأكبر',
        score_zero: '{{count}} نقاط',
        score_one: 'نقطة واحدة',
        score_two: 'نقطتان',
        score_few: '{{count}} نقاط',
        score_many: '{{count}} نقطة',
        score_other: '{{count}} نقطة',
      },
      sub: { title: 'فرعي', hello: 'مرحباً من الفرعي' },
      forget: { title: 'نسيان', done: 'تم المسح.' },
      menu: { title: 'القائمة', pick: 'اختر', again: 'مرة أخرى' },
      emergency: { title: 'طوارئ', call: 'اتصل بـ 112 الآن', options: 'ماذا بعد؟', back: 'عودة', menu: 'القائمة' },
    },
  },
};

