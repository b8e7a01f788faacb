import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../src/registry.js';
import { renderTemplateCatalogue } from '../src/render-catalogue.js';

const CATALOGUE = fileURLToPath(new URL('../../../docs/templates.md', import.meta.url));

describe('docs/templates.md', () => {
  it('is the catalogue generated from the current metadata (run `pnpm docs:templates` when this fails)', () => {
    const committed = readFileSync(CATALOGUE, 'utf8');
    const generated = renderTemplateCatalogue(TEMPLATES);
    if (committed !== generated) {
      throw new Error('docs/templates.md is stale: run `pnpm docs:templates` and commit the result');
    }
  });

  it('lists every template with its three titles and every coefficient with its source', () => {
    const text = renderTemplateCatalogue(TEMPLATES);
    for (const t of TEMPLATES) {
      expect(text).toContain(`### \`${t.id}\` — ${t.title.en}`);
      expect(text).toContain(t.title.ru);
      expect(text).toContain(t.title.kk);
      for (const [name, c] of Object.entries(t.coefficients)) {
        expect(text).toContain(`| \`${name}\` |`);
        expect(text).toContain(c.source.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' '));
      }
      for (const name of Object.keys(t.parameters)) expect(text).toContain(`| \`${name}\` |`);
    }
  });
});
