/** Usage errors exit with code 2; everything else a command decides. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Command {
  name: string;
  summary: string;
  /** The full --help text. */
  help: string;
  /** Loaded only when the command runs, so that `--help` stays fast. */
  load(): Promise<{ run(args: string[]): Promise<number> }>;
}
