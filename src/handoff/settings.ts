/** Handoff settings: when caseworkers answer, how long a person waits, retention, referrals. */
import { z } from 'zod';
import { defineSettings, intSetting, readSettings, urlSetting, type SettingsOf } from '../server/settings';
import { parseHours } from './hours';

export const handoffSettings = defineSettings({
  HAVEN_HANDOFF_HOURS: {
    schema: z.string().transform((v, ctx) => {
      try {
        return parseHours(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    }),
    default: 'mon-fri 09:00-17:00',
    example: 'mon-fri 09:00-17:00; sat 10:00-14:00',
    doc: 'when caseworkers answer ("always", or days and hours separated by ;)',
  },
  HAVEN_HANDOFF_TIMEZONE: {
    schema: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Warsaw'),
    default: 'UTC',
    example: 'Europe/Warsaw',
    doc: 'time zone of HAVEN_HANDOFF_HOURS',
  },
  HAVEN_HANDOFF_ANSWER_MINUTES: {
    schema: intSetting(1, 240),
    default: '5',
    example: '5',
    doc: 'after this long without an answer the person is offered national helplines and the choice to keep waiting',
  },
  HAVEN_RETAIN_HANDOFF_DAYS: {
    schema: intSetting(0, 3650),
    default: '30',
    example: '30',
    doc: 'how long a consented handoff summary and transcript are kept after it closes (0: deleted at close)',
  },
  HAVEN_REFERRAL_URL: {
    schema: urlSetting(),
    example: 'https://primero.example.org/haven-referrals',
    doc: 'where signed referrals are posted when a consented handoff closes (unset: no referrals)',
  },
  HAVEN_REFERRAL_SECRET: {
    schema: z.string().min(32, 'must be at least 32 characters'),
    example: 'a-long-random-string-shared-with-the-receiver',
    doc: 'HMAC-SHA256 key signing each referral (X-Haven-Signature header)',
    secret: true,
  },
});

export type HandoffSettings = SettingsOf<typeof handoffSettings>;

export function loadHandoffSettings(env: NodeJS.ProcessEnv = process.env): HandoffSettings {
  return readSettings(handoffSettings, env);
}
