/**
 * Service cards: what a channel shows of a service, in the user's language. A confidential
 * place gives neither its address, nor a map link, nor a distance: only how to call.
 */
import type { Texts } from '../engine/texts';
import type { ServiceCard } from '../engine/types';
import type { NearResult } from './directory';
import type { NationalLine } from './national';
import { hoursText } from './time/hours-text';
import { isOpenAt } from './time/opening-hours';
import { localTime } from './time/zone';

/**
 * Language names in the user's language (CLDR through Intl), the user's own first, then in
 * alphabetical order; the code itself if unknown.
 */
export function languageNames(codes: readonly string[], lang: string): string[] {
  const collator = new Intl.Collator(lang);
  const own = (c: string) => (c === lang || c.startsWith(`${lang}-`) ? 0 : 1);
  const names = languageNamesOf(codes, lang);
  return codes
    .map((c, i) => ({ c, name: names[i] ?? c }))
    .sort((a, b) => own(a.c) - own(b.c) || collator.compare(a.name, b.name))
    .map((x) => x.name);
}

function languageNamesOf(codes: readonly string[], lang: string): string[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang], { type: 'language' });
  } catch {
    names = null;
  }
  return codes.map((c) => {
    try {
      return names?.of(c) ?? c;
    } catch {
      return c;
    }
  });
}

/** One line of address: street, postal code and city (the country is known from the search). */
export function addressLine(r: NearResult): string | null {
  const a = r.addresses[0];
  if (!a) return null;
  const street = [a['address_1'], a['address_2']].filter((v) => typeof v === 'string' && v !== '').join(', ');
  const town = [a['postal_code'], a['city']].filter((v) => typeof v === 'string' && v !== '').join(' ');
  return [street, town].filter(Boolean).join(', ') || null;
}

/** `geo:` URI (RFC 5870), opened by the phone's own map app rather than a third-party site. */
export function geoUri(lat: number, lon: number): string {
  return `geo:${lat.toFixed(5)},${lon.toFixed(5)}`;
}

export function serviceCard(r: NearResult, lang: string, texts: Texts): ServiceCard {
  const s = r.service;
  const lat = r.location['latitude'];
  const lon = r.location['longitude'];
  const verified = s['haven_verified'] === 1;
  const website = s['url'] ?? r.organization?.['website'] ?? null;
  return {
    id: r.id,
    name: String(s['name']),
    category: typeof s['haven_category'] === 'string' ? s['haven_category'] : '',
    // A confidential place's distance is withheld too: distances from a few points would locate it.
    distanceKm: r.confidential ? null : Math.round(r.distanceKm * 10) / 10,
    openNow: r.openNow,
    hours: hoursText(r.rules, lang, texts),
    phones: r.phones.map((p) => String(p['number'])),
    website: typeof website === 'string' ? website : null,
    languages: languageNames(r.languages, lang),
    address: r.confidential ? null : addressLine(r),
    geo: r.confidential || typeof lat !== 'number' || typeof lon !== 'number' ? null : geoUri(lat, lon),
    verified,
    lastChecked: (verified ? stringOrNull(s['haven_verified_date']) : null) ?? stringOrNull(s['assured_date']),
    national: false,
  };
}

export function nationalCard(line: NationalLine, lang: string, texts: Texts, at: number): ServiceCard {
  const named = line.nameKey ? texts.render(lang, 'directory', `national.${line.nameKey}`, undefined) : null;
  return {
    id: `national:${line.country}:${line.kind}:${line.name}:${line.languages.join('-')}`,
    name: named ?? line.name,
    category: line.kind,
    distanceKm: null,
    openNow: line.zone ? isOpenAt(line.rules, localTime(line.zone, at)) : null,
    hours: hoursText(line.rules, lang, texts),
    phones: line.phones,
    website: line.website,
    languages: languageNames(line.languages, lang),
    address: null,
    geo: null,
    verified: false,
    lastChecked: line.sourceYear,
    national: true,
  };
}

function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
