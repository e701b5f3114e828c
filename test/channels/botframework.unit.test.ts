/**
 * The Bot Framework channel's pure parts: reading activities and rendering outputs (hero
 * cards for services). The whole stack is tested end to end in botframework.e2e.test.ts.
 */
import { Activity } from '@microsoft/agents-activity';
import { MAX_TEXT_BYTES, readActivity } from '../../src/channels/botframework/inbound';
import { HERO_CARD, renderOutputs } from '../../src/channels/botframework/render';
import type { Output, ServiceCard } from '../../src/engine/types';
import { channelContent } from '../support/channel-content';

const texts = channelContent().content.texts;
const act = (fields: Record<string, unknown>) =>
  Activity.fromObject({ type: 'message', conversation: { id: 'c' }, from: { id: 'u' }, locale: 'es-CO', ...fields });

describe('reading an activity', () => {
  test.each([
    [{ text: 'hola' }, { kind: 'input', input: { type: 'text', text: 'hola', langHint: 'es-CO' } }],
    [{ text: '/start' }, { kind: 'input', input: { type: 'start', langHint: 'es-CO' } }],
    [{ text: '/MENU now' }, { kind: 'input', input: { type: 'command', name: 'menu', langHint: 'es-CO' } }],
    [{ text: '   ' }, { kind: 'ignore' }],
    [{}, { kind: 'ignore' }],
    [{ attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }] }, { kind: 'unsupported' }],
    // Teams sends an HTML copy of the text as an attachment: the text counts.
    [{ text: 'hola', attachments: [{ contentType: 'text/html', content: '<p>hola</p>' }] }, { kind: 'input', input: { type: 'text', text: 'hola', langHint: 'es-CO' } }],
    [{ entities: [{ type: 'Place', geo: { latitude: 4.6, longitude: -74.1 } }] }, { kind: 'input', input: { type: 'location', point: { lat: 4.6, lon: -74.1 } } }],
    [{ entities: [{ type: 'GeoCoordinates', latitude: 999, longitude: 0 }] }, { kind: 'ignore' }],
  ])('%j', (fields, expected) => {
    expect(readActivity(act(fields))).toEqual(expected);
  });

  test('4 KB of text is taken, more is refused', () => {
    expect(readActivity(act({ text: 'a'.repeat(MAX_TEXT_BYTES) })).kind).toBe('input');
    expect(readActivity(act({ text: 'ñ'.repeat(MAX_TEXT_BYTES / 2 + 1) })).kind).toBe('too_long');
  });
});

describe('rendering', () => {
  const base = { flow: 'f', node: 'n', lang: 'es', dir: 'ltr' as const };

  test('choices become imBack suggested actions whose value is the label; the locale is the output language', () => {
    const [a] = renderOutputs([{ ...base, kind: 'choice', text: '¿Qué?', choices: [{ id: 'x', label: 'Equis' }] }], texts);
    expect(a!.text).toBe('¿Qué?');
    expect(a!.locale).toBe('es');
    expect(a!.suggestedActions!.actions).toEqual([{ type: 'imBack', title: 'Equis', value: 'Equis' }]);
  });

  test('services become hero cards with call and website buttons; a confidential address is never shown', () => {
    const card: ServiceCard = {
      id: '1',
      name: 'Línea Segura',
      category: 'child_helpline',
      distanceKm: null,
      openNow: null,
      hours: null,
      phones: ['+57 (1) 141'],
      website: 'https://example.org',
      languages: ['es'],
      address: null,
      geo: null,
      verified: true,
      lastChecked: '2026-09-30',
      national: true,
    };
    const out: Output = { ...base, kind: 'event', event: { type: 'services', category: null, point: null, place: null, country: null, results: [card] } };
    const [a] = renderOutputs([out], texts);
    const hero = a!.attachments![0]!;
    const content = hero.content as { title: string; text: string; buttons: unknown[] };
    expect(hero.contentType).toBe(HERO_CARD);
    expect(content.title).toContain('Línea Segura');
    expect(content.text).toContain(texts.render('es', 'cards', 'address_private', undefined));
    expect(content.buttons).toEqual([
      { type: 'call', title: texts.render('es', 'cards', 'call', { phone: '+57 (1) 141' }), value: 'tel:+571141' },
      { type: 'openUrl', title: texts.render('es', 'cards', 'website', { url: 'https://example.org' }), value: 'https://example.org' },
    ]);
  });

  test('no services found is said in words; an erase event renders nothing', () => {
    const none = renderOutputs([{ ...base, kind: 'event', event: { type: 'services', category: null, point: null, place: null, country: null, results: [] } }], texts);
    expect(none.map((a) => a.text)).toEqual([texts.render('es', 'cards', 'none', undefined)]);
    expect(renderOutputs([{ ...base, kind: 'event', event: { type: 'erase' } }], texts)).toEqual([]);
  });
});
