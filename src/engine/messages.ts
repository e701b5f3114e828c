/**
 * i18n keys the engine itself says (namespace `engine`). The flow check treats them as used
 * and requires them in every shipped language.
 */
export const ENGINE_KEYS = {
  notUnderstood: 'engine:not_understood',
  offerMenu: 'engine:offer_menu',
  menuChoice: 'engine:menu_choice',
  flowChanged: 'engine:flow_changed',
  locationNotNeeded: 'engine:location_not_needed',
  somethingWrong: 'engine:something_wrong',
  missingText: 'engine:missing_text',
  invalidNumber: 'engine:invalid_number',
  invalidAge: 'engine:invalid_age',
  invalidShortText: 'engine:invalid_short_text',
} as const;

export const INVALID_KEYS: Record<string, string> = {
  number: ENGINE_KEYS.invalidNumber,
  age: ENGINE_KEYS.invalidAge,
  short_text: ENGINE_KEYS.invalidShortText,
};

/** Shown if even the fallback language lacks a key: never a raw key. */
export const LAST_RESORT_TEXT = '…';
