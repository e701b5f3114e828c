/** Privacy settings: the age of digital consent and how long each kind of stored data is kept. */
import { defineSettings, intSetting, readSettings, type SettingsOf } from '../server/settings';

export const privacySettings = defineSettings({
  HAVEN_CONSENT_AGE: {
    schema: intSetting(13, 18),
    default: '16',
    example: '16',
    doc: 'age of digital consent (GDPR Art. 8: 13 to 16 by country); below it consent-based storage is not offered',
  },
  HAVEN_RETAIN_CONSENT_DAYS: {
    schema: intSetting(1, 3650),
    default: '365',
    example: '365',
    doc: 'how long a consent lasts before it (and what it allowed) is removed and must be asked again',
  },
  HAVEN_RETAIN_PROGRESS_DAYS: {
    schema: intSetting(1, 3650),
    default: '90',
    example: '90',
    doc: 'how long lesson progress is kept (only with the save_progress consent)',
  },
  HAVEN_RETAIN_FOLLOW_UP_DAYS: {
    schema: intSetting(1, 365),
    default: '30',
    example: '30',
    doc: 'how long a channel address is kept for a follow-up message (only with the follow_up consent)',
  },
});

export type PrivacySettings = SettingsOf<typeof privacySettings>;

export function loadPrivacySettings(env: NodeJS.ProcessEnv = process.env): PrivacySettings {
  return readSettings(privacySettings, env);
}

/** Retention periods in milliseconds, per kind of data. */
export interface Retention {
  consentMs: number;
  progressMs: number;
  followUpMs: number;
}

const DAY = 24 * 60 * 60 * 1000;

export function retentionOf(s: PrivacySettings): Retention {
  return {
    consentMs: s.HAVEN_RETAIN_CONSENT_DAYS * DAY,
    progressMs: s.HAVEN_RETAIN_PROGRESS_DAYS * DAY,
    followUpMs: s.HAVEN_RETAIN_FOLLOW_UP_DAYS * DAY,
  };
}

export const DEFAULT_RETENTION: Retention = { consentMs: 365 * DAY, progressMs: 90 * DAY, followUpMs: 30 * DAY };
