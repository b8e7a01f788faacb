/**
 * @regiontwin/cli — the `regiontwin` command. `main(argv)` is exported for embedding and tests.
 * @packageDocumentation
 */
export { main, type CliIo } from './main.js';
export { UserError } from './user-error.js';
export { formatNumber, formatTable } from './format.js';
