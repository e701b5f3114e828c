/** Insight settings: the smallest count shown as a number. */
import { defineSettings, intSetting, readSettings, type SettingsOf } from '../server/settings';

export const insightSettings = defineSettings({
  HAVEN_INSIGHTS_MIN_COUNT: {
    schema: intSetting(1, 1000),
    default: '10',
    example: '10',
    doc: 'counts below this are shown as "fewer than N" in the console and exports, so small groups cannot be singled out',
  },
});

export type InsightSettings = SettingsOf<typeof insightSettings>;

export function loadInsightSettings(env: NodeJS.ProcessEnv = process.env): InsightSettings {
  return readSettings(insightSettings, env);
}
