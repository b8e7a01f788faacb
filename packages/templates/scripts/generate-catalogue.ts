/**
 * Writes docs/templates.md from the templates' metadata: `pnpm docs:templates` (needs
 * @regiontwin/core built). The catalogue test fails when the committed file differs.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATES } from '../src/registry.js';
import { renderTemplateCatalogue } from '../src/render-catalogue.js';

const target = fileURLToPath(new URL('../../../docs/templates.md', import.meta.url));
writeFileSync(target, renderTemplateCatalogue(TEMPLATES));
console.log(`wrote ${target} (${TEMPLATES.length} templates)`);
