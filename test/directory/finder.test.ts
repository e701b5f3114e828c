/** The host side of "Find help near me": cards from the directory, national lines when nothing is near. */
import { openDirectory } from '../../src/directory/open';
import type { EngineEvent } from '../../src/engine/types';
import { openDatabase } from '../../src/store/database';
import { TestClock } from '../support/haven';
import { confidentialSecrets, shippedTexts } from './support';

jest.setTimeout(120_000);

type Query = Extract<EngineEvent, { type: 'services' }>;
const query = (o: Partial<Query>): Query => ({ type: 'services', category: null, point: null, place: null, country: null, ...o });

describe('DirectoryFinder', () => {
  const clock = new TestClock(Date.UTC(2026, 10, 23, 11, 0)); // Monday 12:00 in Kraków and Berlin, 06:00 in Bogotá
  const texts = shippedTexts();
  const { finder } = openDirectory(openDatabase(':memory:'), { texts, clock, demo: true });

  test('a shared point: up to five nearest cards, with distance, hours, phone, languages, address and a geo: link', () => {
    const cards = finder.find(query({ point: { lat: 50.0619, lon: 19.9368 } }), 'en');
    expect(cards).toHaveLength(5);
    const distances = cards.map((c) => c.distanceKm ?? Infinity);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const office = cards.find((c) => c.name === 'Anti-Trafficking Support Office (demo)')!;
    expect(office).toMatchObject({
      category: 'anti_trafficking',
      openNow: true,
      hours: 'Mon–Fri 10:00 AM–6:00 PM',
      phones: ['+48 000 000 106'],
      languages: ['English', 'Polish', 'Russian', 'Ukrainian'],
      address: 'ul. Przykładowa 25 (demo), 31-000 Kraków',
      geo: 'geo:50.06100,19.93800',
      verified: false,
      lastChecked: '2026-11-01',
      national: false,
    });
  });

  test('the kind of help filters, and the words follow the user language', () => {
    const cards = finder.find(query({ point: { lat: 52.52, lon: 13.405 }, category: 'legal_aid' }), 'uk');
    expect(cards.map((c) => c.name)).toEqual(['Asylum and Residence Law Advice (demo)']);
    expect(cards[0]!.languages).toEqual(['англійська', 'арабська', 'німецька', 'перська']);
    expect(finder.find(query({ point: { lat: 52.52, lon: 13.405 }, category: 'mental_health' }), 'uk')[0]!.languages[0]).toBe('українська');
    expect(cards[0]!.hours).toBe('пн, ср 10:00–16:00 і пт 10:00–13:00');
  });

  test('a confidential shelter: phone only; no address, map link or distance', () => {
    const cards = finder.find(query({ point: { lat: 50.0619, lon: 19.9368 }, category: 'shelter' }), 'en');
    expect(cards.map((c) => c.name).sort()).toEqual(['Night Shelter for Young People (demo)', 'Safe House for Women and Children (demo)']);
    for (const c of cards) {
      expect(c).toMatchObject({ address: null, geo: null, distanceKm: null });
      expect(c.phones.length).toBe(1);
    }
    const shown = JSON.stringify(cards);
    for (const secret of confidentialSecrets()) expect(shown).not.toContain(secret);
  });

  test('a typed place is resolved offline, in any language', () => {
    for (const place of ['Cracovie', 'Краків', 'كراكوف']) {
      const cards = finder.find(query({ place, category: 'health' }), 'fr');
      expect(cards.map((c) => c.name)).toEqual(['Community Health Clinic (demo)']);
    }
  });

  test('nothing within reach: the national lines of the country (from the point, the place, or the session)', () => {
    const lviv = finder.find(query({ point: { lat: 49.84, lon: 24.03 }, category: 'shelter' }), 'en');
    expect(lviv.every((c) => c.national)).toBe(true);
    expect(lviv.map((c) => c.category)).toEqual(['emergency', 'child_helpline', 'anti_trafficking']);
    const typed = finder.find(query({ place: 'Medellín', category: 'anti_trafficking' }), 'es');
    expect(typed.map((c) => [c.category, c.national])).toEqual([['emergency', true], ['child_helpline', true]]);
    expect(typed[0]!.name).toBe('Número de emergencia de la policía');
    const country = finder.find(query({ country: 'PL', category: 'child_helpline' }), 'en');
    expect(country.map((c) => c.name)).toEqual(['Telefon Zaufania (FDDS)', 'Telefon Zaufania (FDDS)', 'Emergency number', 'KCIK National Consulting and Intervention Centre for Victims of Trafficking']);
    expect(country[1]!.languages).toEqual(['Russian', 'Ukrainian']);
    expect(finder.find(query({ country: 'PL', category: 'child_helpline' }), 'uk')[1]!.languages).toEqual(['українська', 'російська']);
    expect(country.every((c) => !c.verified)).toBe(true);
  });

  test('no place and no country: nothing to offer (the channel says so)', () => {
    expect(finder.find(query({}), 'en')).toEqual([]);
    expect(finder.find(query({ place: 'zzzqqq' }), 'en')).toEqual([]);
  });
});

describe('where the user is now wins over the country in the session', () => {
  const { finder } = openDirectory(openDatabase(':memory:'), { texts: shippedTexts(), clock: new TestClock(), demo: false });
  test('a point in Colombia with "PL" in the session gives Colombian lines', () => {
    const cards = finder.find(query({ point: { lat: 6.25, lon: -75.56 }, country: 'PL' }), 'en');
    expect(cards.map((c) => c.phones[0])).toEqual(['123', '141']);
  });
  test('a typed place in Ukraine with "DE" in the session gives Ukrainian lines', () => {
    const cards = finder.find(query({ place: 'Одеса', country: 'DE' }), 'uk');
    expect(cards[0]!.phones[0]).toBe('112');
    expect(cards.map((c) => c.category)).toEqual(['emergency', 'child_helpline', 'anti_trafficking']);
  });
});
