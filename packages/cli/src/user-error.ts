/**
 * A mistake in what the user gave us (a path, a flag, a file's content). The CLI prints its
 * message as one line and exits 1 — never a stack trace.
 */
export class UserError extends Error {
  /** Extra lines printed after the message (e.g. one per validation problem). */
  readonly details: string[];
  /** Machine-readable payload for `--json`. */
  readonly json?: unknown;

  constructor(message: string, details: string[] = [], json?: unknown) {
    super(message);
    this.name = 'UserError';
    this.details = details;
    this.json = json;
  }
}
