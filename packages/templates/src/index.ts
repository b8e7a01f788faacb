/**
 * @regiontwin/templates — the library of standard, adaptable smart-region solutions.
 * Templates are referenced from scenarios by id; they expand into the core's change types.
 * @packageDocumentation
 */
export const TEMPLATES_PACKAGE_VERSION = '0.1.0';
