/** Where am I, without GPS: typed places and countries in the six languages, resolved offline. */
import { countryFromText, countryName, sortByName } from '../../src/directory/places/countries';
import { gazetteer } from '../../src/directory/places/gazetteer';
import { localName, nameKey } from '../../src/directory/places/names';

// The first use may build the gazetteer cache from the GeoNames package (a few seconds).
jest.setTimeout(120_000);

describe('a place typed in each of the six languages resolves', () => {
  const g = gazetteer();
  test.each([
    ['en', 'Kraków'],
    ['en', 'krakow'],
    ['fr', 'Cracovie'],
    ['es', 'Cracovia'],
    ['ar', 'كراكوف'],
    ['uk', 'Краків'],
    ['ru', 'Краков'],
  ])('%s: %s is Kraków, Poland', (_lang, typed) => {
    const place = g.resolve(typed);
    expect(place).toMatchObject({ name: 'Kraków', country: 'PL', zone: 'Europe/Warsaw' });
    expect(place!.lat).toBeCloseTo(50.06, 1);
  });

  test.each([
    ['Berlin', 'Berlin', 'DE'],
    ['Берлін', 'Berlin', 'DE'],
    ['برلين', 'Berlin', 'DE'],
    ['Bogota', 'Bogotá', 'CO'],
    ['Богота', 'Bogotá', 'CO'],
    ['بوغوتا', 'Bogotá', 'CO'],
    ['Київ', 'Kyiv', 'UA'],
    ['Kiev', 'Kyiv', 'UA'],
    ['Львів', 'Lviv', 'UA'],
  ])('%s is %s', (typed, name, country) => {
    expect(g.resolve(typed)).toMatchObject({ name, country });
  });

  test('the country narrows an ambiguous name; "City, Country" works in any language', () => {
    expect(g.resolve('Berlin')).toMatchObject({ country: 'DE' }); // the largest Berlin
    expect(g.resolve('Berlin', { country: 'US' })).toMatchObject({ country: 'US' });
    expect(g.resolve('Kraków, Polska', { countryOf: countryFromText })).toMatchObject({ name: 'Kraków' });
    expect(g.resolve('Berlin, США', { countryOf: countryFromText })).toMatchObject({ country: 'US' });
    expect(g.resolve('qwxzv')).toBeNull();
    expect(g.resolve('   ')).toBeNull();
  });

  test('the nearest place tells the country of a shared point', () => {
    expect(g.nearest({ lat: 50.05, lon: 19.95 })).toMatchObject({ country: 'PL' });
    expect(g.nearest({ lat: 4.65, lon: -74.06 })).toMatchObject({ country: 'CO' });
  });

  test('city lists for the picker: largest first, names in the user language', () => {
    const cities = g.majorCities('PL', 8);
    expect(cities[0]!.name).toBe('Warsaw');
    const krakow = cities.find((c) => c.name === 'Kraków')!;
    expect(g.displayName(krakow.id, 'uk')).toBe('Краків');
    expect(g.displayName(krakow.id, 'ru')).toBe('Краков');
    expect(g.displayName(krakow.id, 'ar')).toBe('كراكوف');
    expect(g.displayName(krakow.id, 'en')).toBe('Kraków');
  });
});

describe('names and countries', () => {
  test('names compare without case, accents or Arabic letter variants', () => {
    expect(nameKey('KRAKÓW')).toBe(nameKey('krakow'));
    expect(nameKey('كراكُوف')).toBe(nameKey('كراكوف'));
    expect(nameKey('  Bogotá,  D.C. ')).toBe('bogota d c');
  });

  test('the spelling of a city in a language is picked by its letters', () => {
    const alternates = ['Berlin', 'Берлин', 'Берлін', 'Бэрлін', 'برلين', 'برلین'];
    expect(localName('Berlin', alternates, 'uk')).toBe('Берлін');
    expect(localName('Berlin', alternates, 'ru')).toBe('Берлин');
    expect(localName('Berlin', alternates, 'ar')).toBe('برلين');
    expect(localName('Berlin', alternates, 'fr')).toBe('Berlin');
  });

  test('countries typed in each language, and their names in the user language', () => {
    for (const typed of ['Poland', 'Pologne', 'Polonia', 'بولندا', 'Польща', 'Польша', 'Polska', 'pl']) expect(countryFromText(typed)).toBe('PL');
    expect(countryFromText('Україна')).toBe('UA');
    expect(countryFromText('nowhere-land')).toBeNull();
    expect(countryName('DE', 'uk')).toBe('Німеччина');
    expect(countryName('DE', 'ar')).toBe('ألمانيا');
    expect(sortByName(['UA', 'PL', 'DE'], 'fr')).toEqual(['DE', 'PL', 'UA']); // Allemagne, Pologne, Ukraine
  });
});
