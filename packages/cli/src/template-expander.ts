/**
 * The template library's expander, passed by `main` to every command that prepares scenarios.
 * Kept in one module so that embedders (and tests) can see which library the CLI uses.
 */
export { expandTemplate } from '@regiontwin/templates';
