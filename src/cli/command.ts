/** A `haven` subcommand. Each lives in its own file under `commands/` and is listed in `haven.ts`. */
export interface Command {
  /** one or two words, e.g. "serve" or "flows check" */
  name: string;
  summary: string;
  /** full help, printed by `haven <command> --help` */
  help: string;
  run(args: string[]): Promise<number>;
}

export class UsageError extends Error {}

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
