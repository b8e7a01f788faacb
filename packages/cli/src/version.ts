/** The CLI's version (kept equal to package.json's `version`). */
export const CLI_VERSION = '0.1.0';
