/**
 * What a message activity means for Haven: text (or a slash command) as an engine input, a
 * shared place as a location, text over 4 KB refused, attachments alone answered kindly and
 * never downloaded. Pure.
 */
import type { Activity } from '@microsoft/agents-activity';
import type { Input } from '../../engine/types';

/** Longest text taken in, in UTF-8 bytes (4 KB); longer is refused and changes nothing. */
export const MAX_TEXT_BYTES = 4096;

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:\s|$)/;

export type Inbound = { kind: 'input'; input: Input } | { kind: 'too_long' } | { kind: 'unsupported' } | { kind: 'ignore' };

export function readActivity(activity: Activity): Inbound {
  const hint = activity.locale ? { langHint: activity.locale } : {};
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (text) {
    // Teams and others attach a copy of the text as HTML: the text itself is what counts.
    if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) return { kind: 'too_long' };
    const command = COMMAND.exec(text);
    if (command) {
      const name = command[1]!.toLowerCase();
      return { kind: 'input', input: name === 'start' ? { type: 'start', ...hint } : { type: 'command', name, ...hint } };
    }
    return { kind: 'input', input: { type: 'text', text, ...hint } };
  }
  const point = sharedPoint(activity);
  if (point) return { kind: 'input', input: { type: 'location', point } };
  if (activity.attachments?.length) return { kind: 'unsupported' };
  return { kind: 'ignore' };
}

/** A `GeoCoordinates` or `Place` entity, as some channels send a shared location. */
function sharedPoint(activity: Activity): { lat: number; lon: number } | null {
  for (const e of activity.entities ?? []) {
    const geo: unknown = e.type === 'Place' ? e['geo'] : e.type === 'GeoCoordinates' ? e : undefined;
    if (typeof geo !== 'object' || geo === null || !('latitude' in geo) || !('longitude' in geo)) continue;
    const { latitude, longitude } = geo;
    if (typeof latitude === 'number' && typeof longitude === 'number' && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) {
      return { lat: latitude, lon: longitude };
    }
  }
  return null;
}
