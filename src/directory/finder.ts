/**
 * The host's answer to the engine's `services` event: up to five services near the point the
 * user shared, the place they typed (resolved by the offline gazetteer) or the city they
 * picked; the country's national lines when nothing is within reach. The point and place are
 * used here and nowhere else: nothing is logged or kept.
 */
import type { ServiceFinder } from '../conversation/conversations';
import type { Texts } from '../engine/texts';
import type { Clock, EngineEvent, ServiceCard } from '../engine/types';
import { isCategory } from './categories';
import { nationalCard, serviceCard } from './cards';
import type { Directory } from './directory';
import { shippedNationalLines, type NationalLines } from './national';
import { countryFromText } from './places/countries';
import { gazetteer, type Gazetteer } from './places/gazetteer';
import type { Point } from './search/geo';

/** Cards shown at most: enough to choose from, few enough for a small screen. */
export const MAX_CARDS = 5;
/** "Near" for a person on foot or on a bus: services further than this are not offered. */
export const NEARBY_KM = 50;

export interface FinderOptions {
  texts: Texts;
  clock: Clock;
  national?: NationalLines;
  places?: () => Gazetteer;
}

type ServicesEvent = Extract<EngineEvent, { type: 'services' }>;

export class DirectoryFinder implements ServiceFinder {
  private readonly national: NationalLines;
  private readonly places: () => Gazetteer;

  constructor(
    private readonly directory: Directory,
    private readonly o: FinderOptions,
  ) {
    this.national = o.national ?? shippedNationalLines();
    this.places = o.places ?? gazetteer;
  }

  find(query: ServicesEvent, lang: string): ServiceCard[] {
    const { point, country } = this.where(query);
    const category = isCategory(query.category) ? query.category : undefined;
    const now = this.o.clock.now();
    if (point) {
      const near = this.directory.nearest({ point, limit: MAX_CARDS, maxKm: NEARBY_KM, ...(category ? { category } : {}), at: now });
      if (near.length > 0) return near.map((r) => serviceCard(r, lang, this.o.texts));
    }
    if (!country) return [];
    return this.national
      .fallback(country, query.category)
      .slice(0, MAX_CARDS)
      .map((line) => nationalCard(line, lang, this.o.texts, now));
  }

  /**
   * The point to search from and the country, from what the user gave: a shared point or a
   * typed place says where the user is now, so its country wins over the one in the session.
   */
  private where(query: ServicesEvent): { point: Point | null; country: string | null } {
    let point: Point | null = query.point;
    let country: string | null = null;
    try {
      if (!point && query.place) {
        const place = this.places().resolve(query.place, { country: query.country, countryOf: countryFromText });
        if (place) {
          point = { lat: place.lat, lon: place.lon };
          country = place.country;
        } else {
          country = countryFromText(query.place);
        }
      } else if (point) {
        country = this.places().nearest(point)?.country ?? null;
      }
    } catch {
      // No gazetteer (unreadable cache): a shared point still searches; the national lines need a country.
    }
    return { point, country: country ?? query.country };
  }
}
