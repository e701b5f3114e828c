/**
 * The Bot Framework channel's environment variables. The app registration's id turns on JWT
 * authentication; without one, /api/messages is open for local development only (replies
 * may go to this machine alone) and a warning is logged at start.
 */
import { z } from 'zod';
import { boolSetting, defineSettings, type SettingsOf } from '../../server/settings';

export const botFrameworkSettings = defineSettings({
  BOTFRAMEWORK_ENABLED: {
    schema: boolSetting(),
    default: 'true',
    example: 'false',
    doc: 'serve Bot Framework channels at POST /api/messages',
  },
  MICROSOFT_APP_ID: {
    schema: z.string().uuid('must be the app registration\'s client id, a UUID'),
    example: '00000000-0000-0000-0000-000000000000',
    doc: 'Azure Bot app registration (client) id; when set, every request must carry a valid Bot Framework JWT',
  },
  MICROSOFT_APP_PASSWORD: {
    schema: z.string().min(1),
    example: 'the-client-secret-value',
    doc: 'client secret of that app registration (for the replies Haven sends)',
    secret: true,
  },
  MICROSOFT_APP_TENANT_ID: {
    schema: z.string().min(1),
    example: '00000000-0000-0000-0000-000000000000',
    doc: 'tenant id, for a single-tenant app registration',
  },
});

export type BotFrameworkSettings = SettingsOf<typeof botFrameworkSettings>;
