/**
 * What the console uses of the anonymous counters (`src/insights/`): the threshold under which
 * a count is never shown, a way to write counts still gathered in memory, and the flows (for
 * their titles and scenario texts). The console reads the counters only through
 * `buildDashboard` and `dailyRows`, which suppress.
 */
import type { Flow } from '../flows/schema';

export interface ConsoleInsights {
  /** HAVEN_INSIGHTS_MIN_COUNT: counts under this are shown as "fewer than N" */
  minCount: number;
  /** write the counts gathered since the last write, so the dashboard is current */
  flush(): void;
  flows: ReadonlyMap<string, Flow>;
}
