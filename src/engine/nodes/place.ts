import { z } from 'zod';
import { countryCodes, countryFromText, countryName, sortByName } from '../../directory/places/countries';
import { gazetteer, type Place } from '../../directory/places/gazetteer';
import { defineNode, to, WAIT } from '../node-kind';
import type { Run } from '../node-kind';
import type { ChoiceOption } from '../types';
import { I18nKey, keyRef, MAX_CHOICES, NodeId, nodeRef, VarName } from './common';
import { answerChoice, ChoiceList, choiceRefs, renderChoices } from './choice-options';

/** City buttons offered by default: the country's largest places. */
const DEFAULT_CITIES = 8;

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals, like PL');

/**
 * Where am I, without GPS: pick a country, then a city, from lists in the user's language,
 * or type either name (in any shipped language; resolved offline, never sent anywhere).
 * `pick: country` keeps the ISO code in `var`; `pick: city` keeps the city's GeoNames id in
 * `var`, sets the country too, and hands the city's centre to a `services` node in the same
 * turn (as a shared point would be: used once, never stored).
 */
export const placeNode = defineNode({
  kind: 'place',
  schema: z
    .object({
      kind: z.literal('place'),
      pick: z.enum(['country', 'city']).describe('what to ask for'),
      text: I18nKey.describe('i18n key of the question'),
      var: VarName.describe('where the answer is kept: the ISO country code, or the GeoNames id of the city'),
      country_var: VarName.optional().describe('pick: city: the variable holding the country (default "country")'),
      countries: z
        .array(CountryCode)
        .max(MAX_CHOICES)
        .optional()
        .describe('pick: country: countries offered as buttons (any other can be typed)'),
      cities: z.number().int().min(0).max(MAX_CHOICES).optional().describe('pick: city: how many of the largest cities to offer (default 8)'),
      next: NodeId.describe('node to continue to once a place is known'),
      choices: ChoiceList.optional().describe('alternatives (skip, another country...)'),
    })
    .strict(),
  waits: true,
  exits: () => false,
  refs: (n) => [keyRef(n.text, 'text'), nodeRef(n.next, 'next'), ...choiceRefs(n.choices ?? [], 'choices')],
  enter(n, run) {
    const offered = n.pick === 'country' ? countryOptions(n.countries ?? [], run) : cityOptions(n, run).map((c) => c.option);
    run.ask(n.text, [...offered, ...renderChoices(n.choices ?? [], run)]);
    return WAIT;
  },
  answer(n, input, run) {
    const countryVar = n.country_var ?? 'country';
    if (n.pick === 'country') {
      const options = countryOptions(n.countries ?? [], run);
      let code: string | null = null;
      if (input.type === 'choice') code = options.find((o) => o.id === input.id)?.id.toUpperCase() ?? null;
      else if (input.type === 'text') {
        const matched = run.matchChoice(input.text, options);
        code = matched ? matched.toUpperCase() : countryFromText(input.text);
      }
      if (code && countryCodes().includes(code)) {
        run.setVar(n.var, code);
        return to(n.next);
      }
      return n.choices ? answerChoice(n.choices, input, run, undefined) : null;
    }
    const cities = cityOptions(n, run);
    let place: Place | null = null;
    if (input.type === 'choice') place = cities.find((c) => c.option.id === input.id)?.place ?? null;
    else if (input.type === 'text') {
      const matched = run.matchChoice(input.text, cities.map((c) => c.option));
      place = cities.find((c) => c.option.id === matched)?.place ?? null;
    }
    if (!place) {
      const alternative = n.choices ? answerChoice(n.choices, input, run, undefined) : null;
      if (alternative) return alternative;
      if (input.type === 'text') {
        const country = run.state.vars[countryVar];
        place = resolveCity(input.text, typeof country === 'string' ? country : null);
      }
    }
    if (!place) return null;
    run.setVar(n.var, String(place.id));
    run.setVar(countryVar, place.country);
    run.scratch.point = { lat: place.lat, lon: place.lon };
    return to(n.next);
  },
});

function countryOptions(codes: readonly string[], run: Run): ChoiceOption[] {
  return sortByName(codes, run.state.lang).map((code) => ({ id: code.toLowerCase(), label: countryName(code, run.state.lang) }));
}

function cityOptions(
  n: { cities?: number | undefined; country_var?: string | undefined },
  run: Run,
): { option: ChoiceOption; place: Place }[] {
  const country = run.state.vars[n.country_var ?? 'country'];
  if (typeof country !== 'string') return [];
  try {
    const g = gazetteer();
    return g.majorCities(country, n.cities ?? DEFAULT_CITIES).map((place) => ({
      option: { id: String(place.id), label: g.displayName(place.id, run.state.lang) ?? place.name },
      place,
    }));
  } catch {
    // Without the gazetteer the user can still type a place or take an alternative.
    return [];
  }
}

function resolveCity(text: string, country: string | null): Place | null {
  try {
    return gazetteer().resolve(text, { country, countryOf: countryFromText });
  } catch {
    return null;
  }
}
