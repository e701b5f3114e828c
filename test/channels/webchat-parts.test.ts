/**
 * The web chat's parts on their own: the page's words in every language, service cards as the
 * page receives them (a confidential address can never reach it), the engine's outputs as web
 * messages, and the open conversations (tokens, kept messages, streams, expiry).
 */
import fs from 'node:fs';
import path from 'node:path';
import { cardView } from '../../src/channels/webchat/card-view';
import { KEPT_MESSAGES, LiveConversations, MAX_SUBSCRIBERS, type Subscriber } from '../../src/channels/webchat/live-conversations';
import { UI_KEYS, uiStrings } from '../../src/channels/webchat/ui-strings';
import { erased, webMessages } from '../../src/channels/webchat/web-message';
import type { Output, ServiceCard } from '../../src/engine/types';
import { pseudonym } from '../../src/privacy/pseudonym';
import { SHIPPED_LANGUAGES } from '../support/haven';
import { contentTexts } from './webchat-harness';

const LOCALES = path.join(__dirname, '..', '..', 'locales');
const texts = contentTexts;

describe("the page's words", () => {
  test('UI_KEYS are exactly the keys of locales/en/webchat.json, and every language has them all', () => {
    const keysOf = (lng: string) => Object.keys(JSON.parse(fs.readFileSync(path.join(LOCALES, lng, 'webchat.json'), 'utf8')));
    expect(keysOf('en')).toEqual([...UI_KEYS]);
    for (const lng of SHIPPED_LANGUAGES) expect(keysOf(lng).sort()).toEqual([...UI_KEYS].sort());
  });

  test('each language has its own words and direction; configured names win', () => {
    const ar = uiStrings(texts(), 'ar', {});
    expect(ar.dir).toBe('rtl');
    expect(ar.strings['exit']).not.toBe(uiStrings(texts(), 'en', {}).strings['exit']);
    expect(uiStrings(texts(), 'uk', { title: 'Weather', botName: 'Sam' })).toMatchObject({ title: 'Weather', botName: 'Sam' });
  });

  test('the neutral defaults say nothing about what the chat is for', () => {
    for (const lng of SHIPPED_LANGUAGES) {
      const { title, botName } = uiStrings(texts(), lng, {});
      expect(`${title} ${botName}`).not.toMatch(/haven|traffick|exploit|abuse|help/i);
    }
  });
});

describe('service cards', () => {
  const card: ServiceCard = {
    id: 's1',
    name: 'Shelter',
    category: 'shelter',
    distanceKm: 1.25,
    openNow: null,
    hours: null,
    phones: ['+44 20 7946-0000'],
    website: 'javascript:alert(1)',
    languages: [],
    address: null,
    geo: 'geo:51.5,-0.12', // must not show: the address is confidential
    verified: true,
    lastChecked: null,
    national: false,
  };

  test('a confidential service shows its phone and the words for a private address, never a map', () => {
    const v = cardView(card, texts(), 'en');
    expect(v.address).toBe(texts().render('en', 'cards', 'address_private', undefined));
    expect(v.map).toBeNull();
    expect(v.phones).toEqual([{ label: texts().render('en', 'cards', 'call', { phone: card.phones[0] }), href: 'tel:+442079460000' }]);
    expect(v.website).toBeNull(); // only http(s) links
    expect(v.status).toBe(texts().render('en', 'cards', 'distance', { km: '1.3' }));
    expect(v.unverified).toBeNull();
  });

  test('a public address gets a geo: link; an unverified entry says so; national lines are marked; words follow the language', () => {
    const v = cardView({ ...card, address: '1 High St', website: 'https://example.org', verified: false, national: true, openNow: true }, texts(), 'fr');
    expect(v.map).toEqual({ label: texts().render('fr', 'cards', 'map', undefined), href: 'geo:51.5,-0.12' });
    expect(v.website?.href).toBe('https://example.org');
    expect(v.unverified).toBe(texts().render('fr', 'cards', 'not_verified', undefined));
    expect(v.name).toBe(`Shelter (${texts().render('fr', 'cards', 'national', undefined)})`);
    expect(v.open).toBe(true);
  });
});

describe('web messages', () => {
  const base = { flow: 'f', node: 'n', lang: 'ar', dir: 'rtl' as const };

  test('words, buttons and location requests keep their language and direction', () => {
    const outputs: Output[] = [
      { ...base, kind: 'text', text: 'a' },
      { ...base, kind: 'choice', text: 'b', choices: [{ id: 'x', label: 'X' }] },
      { ...base, kind: 'location', text: 'c', choices: [{ id: 'skip', label: 'Skip' }] },
    ];
    expect(webMessages(outputs, texts())).toEqual([
      { kind: 'text', text: 'a', lang: 'ar', dir: 'rtl' },
      { kind: 'choice', text: 'b', choices: [{ id: 'x', label: 'X' }], lang: 'ar', dir: 'rtl' },
      { kind: 'location', text: 'c', choices: [{ id: 'skip', label: 'Skip' }], lang: 'ar', dir: 'rtl' },
    ]);
  });

  test('services become cards, or the words for none; other events show nothing; erase is noticed', () => {
    const services: Output = { ...base, kind: 'event', event: { type: 'services', category: null, point: null, place: null, country: null, results: [] } };
    const erase: Output = { ...base, kind: 'event', event: { type: 'erase' } };
    const said = webMessages([services, erase], texts());
    expect(said).toEqual([{ kind: 'services', cards: [], text: texts().render('ar', 'cards', 'none', undefined), lang: 'ar', dir: 'rtl' }]);
    expect(erased([services])).toBe(false);
    expect(erased([services, erase])).toBe(true);
  });
});

describe('open conversations', () => {
  const secret = 'parts-test-secret-of-at-least-32-characters';
  const open = (max = 10) => new LiveConversations({ secret, ttlMs: 1000, max });

  test('a token is random, found until it expires, and keyed by its pseudonym', () => {
    const live = open();
    const { token, conversation } = live.open(0)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(conversation.key).toBe(pseudonym(secret, 'webchat', token));
    expect(live.find(token, 999)).toBe(conversation);
    live.touch(conversation, 500);
    expect(live.find(token, 1400)).toBe(conversation);
    expect(live.find(token, 1500)).toBeNull();
    expect(live.find(token, 0)).toBeNull(); // once expired, gone for good
    expect(live.find('not a token', 0)).toBeNull();
  });

  test('refuses more than `max`, after sweeping the expired', () => {
    const live = open(2);
    live.open(0);
    live.open(0);
    expect(live.open(10)).toBeNull();
    expect(live.open(5000)).not.toBeNull(); // the two expired ones were swept
    expect(live.size).toBe(1);
  });

  test('messages are numbered and kept (the last ones only), and delivered to whoever waits', () => {
    const { conversation } = open().open(0)!;
    const got: number[] = [];
    const unsubscribe = conversation.subscribe({ deliver: (ms) => got.push(...ms.map((m) => m.seq)), end: () => {}, close: () => {} });
    conversation.push([{ kind: 'text', text: 'a', lang: 'en', dir: 'ltr' }, { kind: 'text', text: 'b', lang: 'en', dir: 'ltr' }]);
    expect(got).toEqual([1, 2]);
    expect(conversation.after(1).map((m) => m.text)).toEqual(['b']);
    unsubscribe();
    for (let i = 0; i < KEPT_MESSAGES + 10; i++) conversation.push([{ kind: 'text', text: `${i}`, lang: 'en', dir: 'ltr' }]);
    expect(got).toEqual([1, 2]);
    expect(conversation.after(0)).toHaveLength(KEPT_MESSAGES);
    expect(conversation.last).toBe(KEPT_MESSAGES + 12);
  });

  test('too many streams: the oldest is closed; ending tells everyone why and forgets the messages', () => {
    const live = open();
    const { token, conversation } = live.open(0)!;
    const events: string[] = [];
    const subscriber = (name: string): Subscriber => ({ deliver: () => {}, end: (why) => events.push(`${name} end ${why}`), close: () => events.push(`${name} close`) });
    for (let i = 0; i <= MAX_SUBSCRIBERS; i++) conversation.subscribe(subscriber(`s${i}`));
    expect(events).toEqual(['s0 close']);
    expect(conversation.subscriberCount).toBe(MAX_SUBSCRIBERS);
    conversation.push([{ kind: 'text', text: 'a', lang: 'en', dir: 'ltr' }]);
    live.end(conversation, 'exited');
    expect(events.slice(1)).toEqual(Array.from({ length: MAX_SUBSCRIBERS }, (_, i) => `s${i + 1} end exited`));
    expect(conversation.after(0)).toEqual([]);
    expect(live.find(token, 0)).toBeNull();
  });
});
