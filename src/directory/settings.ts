/** The directory's environment settings. */
import { boolSetting, defineSettings, intSetting } from '../server/settings';

export const directorySettings = defineSettings({
  HAVEN_DEMO_DIRECTORY: {
    schema: boolSetting(),
    default: 'true',
    example: 'false',
    doc: 'load the labelled demo directory (Kraków, Berlin, Bogotá) when the directory is empty; set false in production',
  },
  HAVEN_SERVICES_API: {
    schema: boolSetting(),
    default: 'true',
    example: 'false',
    doc: 'serve the read API GET /api/services for partners',
  },
  HAVEN_SERVICES_API_RATE: {
    schema: intSetting(1, 100_000),
    default: '60',
    example: '60',
    doc: 'read API: requests per minute allowed per IP address (a burst of the same size)',
  },
});
