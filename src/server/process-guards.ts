/**
 * The last line of defence: nothing may take the process down silently.
 *
 * - An unhandled promise rejection is a bug in one request's code path, not a broken
 *   process: it is logged and counted, and Haven keeps serving.
 * - An uncaught exception may have left any state half-changed, so Haven stops: it logs the
 *   error, then shuts down the normal way (finishing requests in flight, closing the
 *   database cleanly) and exits with code 1, for the supervisor (Docker's restart policy,
 *   systemd) to start it again.
 */
import { errorFields, type Logger } from './logger';
import type { Metrics } from './metrics';

export interface ProcessGuards {
  /** remove the handlers again (tests, a second server in one process) */
  remove(): void;
}

export function installProcessGuards(o: { log: Logger; metrics: Metrics; fatal: (error: unknown) => void }): ProcessGuards {
  const onRejection = (reason: unknown) => {
    o.metrics.error('unhandled_rejection');
    o.log.error({ err: errorFields(reason) }, 'unhandled promise rejection (a bug); still serving');
  };
  let failing = false;
  const onException = (error: unknown) => {
    o.metrics.error('uncaught_exception');
    o.log.fatal({ err: errorFields(error) }, 'uncaught exception (a bug); stopping');
    if (failing) return;
    failing = true;
    o.fatal(error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    remove() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
