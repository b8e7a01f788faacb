import { resolveTemplateParams } from './registry.js';
import type { ParameterSpec, SolutionTemplate } from './template.js';

/** Category names in catalogue order. */
const CATEGORY_TITLES: Record<SolutionTemplate['category'], string> = {
  'digital-access': 'Digital access',
  'public-services': 'Public services',
  energy: 'Energy',
  safety: 'Safety',
  mobility: 'Mobility',
  environment: 'Environment',
  health: 'Health',
  'urban-development': 'Urban development',
};

/** A table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** A number with thousands separators (locale-independent, so the file is the same everywhere). */
function formatNumber(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return `\`"${value}"\``;
  return `\`${String(value)}\``;
}

function range(spec: ParameterSpec): string {
  if (spec.enum) return spec.enum.map((v) => `\`${v}\``).join(', ');
  if (spec.minimum !== undefined || spec.maximum !== undefined) {
    return `${spec.minimum !== undefined ? formatNumber(spec.minimum) : '−∞'} … ${spec.maximum !== undefined ? formatNumber(spec.maximum) : '∞'}`;
  }
  return '—';
}

function renderTemplate(template: SolutionTemplate): string {
  const lines: string[] = [];
  lines.push(`### \`${template.id}\` — ${template.title.en}`, '');
  lines.push(`- **ru:** ${template.title.ru}`, `- **kk:** ${template.title.kk}`, '');
  lines.push(template.description.en, '');
  lines.push(`> ru: ${template.description.ru}`, '>', `> kk: ${template.description.kk}`, '');
  lines.push('#### Parameters', '');
  lines.push('| name | type | unit | default | range | description |', '| --- | --- | --- | --- | --- | --- |');
  for (const [name, spec] of Object.entries(template.parameters) as [string, ParameterSpec][]) {
    lines.push(
      `| \`${name}\` | ${spec.type} | ${cell(spec.unit ?? '—')} | ${formatValue(spec.default)} | ${range(spec)} | ${cell(spec.description)} |`,
    );
  }
  lines.push('', '#### Coefficients and their sources', '');
  lines.push('| name | value | unit | meaning | source |', '| --- | --- | --- | --- | --- |');
  for (const [name, c] of Object.entries(template.coefficients)) {
    lines.push(
      `| \`${name}\` | ${formatNumber(c.value)} | ${cell(c.unit)} | ${cell(c.description)} | ${cell(c.source)} |`,
    );
  }
  lines.push('', '#### Indicators it moves (default parameters)', '');
  for (const spec of template.indicators(resolveTemplateParams(template, {}))) {
    lines.push(`- \`${JSON.stringify(spec)}\``);
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * The template catalogue (docs/templates.md) as Markdown, generated from the templates' metadata:
 * titles and descriptions in English, Russian and Kazakh, parameters with type, unit, default and
 * range, every coefficient with its source, and the indicators each template moves.
 */
export function renderTemplateCatalogue(templates: readonly SolutionTemplate[]): string {
  const lines: string[] = [
    '# Template catalogue',
    '',
    '<!-- Generated from the templates’ metadata by `pnpm docs:templates` (packages/templates/scripts/generate-catalogue.ts). Do not edit by hand: a test fails when this file is stale. -->',
    '',
    `The library of standard, adaptable smart-region solutions (\`@regiontwin/templates\`): ${templates.length} templates. ` +
      'A scenario references a template by id with its parameters; `regiontwin templates <id> --region DIR` shows the parameters `adapt()` proposes for a region. ' +
      'Every coefficient below says where it comes from; estimates say how they were made — replace them with your department’s figures through the parameters or a scenario of concrete changes. ' +
      'See [writing-a-template.md](writing-a-template.md) to add your own.',
    '',
  ];
  const categories = (Object.keys(CATEGORY_TITLES) as SolutionTemplate['category'][]).filter((c) =>
    templates.some((t) => t.category === c),
  );
  lines.push('| id | title | category | parameters | coefficients |', '| --- | --- | --- | --- | --- |');
  for (const category of categories) {
    for (const t of templates.filter((x) => x.category === category)) {
      lines.push(
        `| [\`${t.id}\`](#${t.id}--${t.title.en
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(
            / /g,
            '-',
          )}) | ${cell(t.title.en)} | ${category} | ${Object.keys(t.parameters).length} | ${Object.keys(t.coefficients).length} |`,
      );
    }
  }
  lines.push('');
  for (const category of categories) {
    lines.push(`## ${CATEGORY_TITLES[category]}`, '');
    for (const t of templates.filter((x) => x.category === category)) lines.push(renderTemplate(t));
  }
  return lines.join('\n');
}
