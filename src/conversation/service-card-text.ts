/**
 * A service card as plain-text lines in the user's language, for channels without rich cards
 * (Telegram text, the terminal chat, Bot Framework fallbacks). Words live in the `cards`
 * namespace. A confidential address is never in a card, so it can never be printed here.
 */
import type { Texts } from '../engine/texts';
import type { ServiceCard } from '../engine/types';

export function cardLines(card: ServiceCard, texts: Texts, lang: string): string[] {
  const t = (key: string, values?: Record<string, unknown>) => texts.render(lang, 'cards', key, values) ?? '';
  const lines = [card.national ? `${card.name} (${t('national')})` : card.name];
  const status: string[] = [];
  if (card.distanceKm !== null) status.push(t('distance', { km: formatKm(card.distanceKm, lang) }));
  if (card.openNow !== null) status.push(t(card.openNow ? 'open_now' : 'closed_now'));
  if (status.length) lines.push(status.join(' · '));
  if (card.hours) lines.push(t('hours', { hours: card.hours }));
  for (const phone of card.phones) lines.push(t('call', { phone }));
  if (card.website) lines.push(t('website', { url: card.website }));
  if (card.languages.length) lines.push(t('languages', { languages: card.languages.join(', ') }));
  lines.push(card.address ?? t('address_private'));
  if (card.lastChecked) lines.push(t('last_checked', { date: card.lastChecked }));
  if (!card.verified) lines.push(t('not_verified'));
  return lines;
}

/** "No service found" in the user's language. */
export function noCardsText(texts: Texts, lang: string): string {
  return texts.render(lang, 'cards', 'none', undefined) ?? '';
}

/**
 * A `tel:` link target: digits and a leading + only. The trunk "(0)" written after a country
 * code ("+44 (0)20 ...") is not dialled from abroad, so it is dropped.
 */
export function telUri(phone: string): string {
  const trimmed = phone.trim();
  const international = trimmed.startsWith('+') ? trimmed.replace(/\(0\)/g, '') : trimmed;
  return `tel:${international.replace(/(?!^\+)[^\d]/g, '')}`;
}

function formatKm(km: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}
