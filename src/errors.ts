/**
 * Typed errors. src/main.ts is the one place that turns them into exit codes:
 * UsageError -> 2 (bad flags, bad input the user can fix), PrepError -> 1 (a failure we
 * understand), anything else -> 1 with a hint to rerun with --debug.
 */
export class PrepError extends Error {
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'PrepError';
  }
}

export class UsageError extends PrepError {
  override readonly exitCode = 2;
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'UsageError';
  }
}
