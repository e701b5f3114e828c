/**
 * A service card as the web page shows it: the words come from the `cards` namespace on the
 * server (the same words every channel uses), the links (tel:, geo:, website) are checked here,
 * and the page only places them. A confidential address is never in a card, so it can never
 * reach the page.
 */
import { telUri } from '../../conversation/service-card-text';
import type { Texts } from '../../engine/texts';
import type { ServiceCard } from '../../engine/types';
import { isHttpUrl } from './urls';

/** A card as the page shows it (the wire format, `WireCard` in wire.d.ts). */
export type CardView = WireCard;

export function cardView(card: ServiceCard, texts: Texts, lang: string): CardView {
  const t = (key: string, values?: Record<string, unknown>) => texts.render(lang, 'cards', key, values) ?? '';
  const status: string[] = [];
  if (card.distanceKm !== null) status.push(t('distance', { km: formatKm(card.distanceKm, lang) }));
  if (card.openNow !== null) status.push(t(card.openNow ? 'open_now' : 'closed_now'));
  return {
    name: card.national ? `${card.name} (${t('national')})` : card.name,
    status: status.length ? status.join(' · ') : null,
    open: card.openNow,
    hours: card.hours ? t('hours', { hours: card.hours }) : null,
    phones: card.phones.map((phone) => ({ label: t('call', { phone }), href: telUri(phone) })),
    website: card.website && isHttpUrl(card.website) ? { label: t('website', { url: card.website }), href: card.website } : null,
    languages: card.languages.length ? t('languages', { languages: card.languages.join(', ') }) : null,
    address: card.address ?? t('address_private'),
    map: card.address !== null && card.geo && /^geo:-?\d/.test(card.geo) ? { label: t('map'), href: card.geo } : null,
    lastChecked: card.lastChecked ? t('last_checked', { date: card.lastChecked }) : null,
    unverified: card.verified ? null : t('not_verified'),
  };
}

function formatKm(km: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km);
}
