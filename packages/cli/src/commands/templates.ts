import {
  computeTerritoryProfile,
  resolveTemplateParams,
  TEMPLATES,
  type Coefficient,
  type ParameterSpec,
  type SolutionTemplate,
  type TerritoryProfile,
} from '@regiontwin/templates';
import type { CommandContext } from '../command-context.js';
import { formatNumber, formatTable, MISSING_VALUE } from '../format.js';
import { loadRegionInput } from '../scenario-input.js';
import { UserError } from '../user-error.js';

/** Flags of `regiontwin templates`. */
export interface TemplatesFlags {
  /** A region folder (or its region.json) to adapt the parameters to. */
  region?: string;
  json?: boolean;
}

/** What `adapt` proposed for a region, checked against the parameter schema. */
export interface AdaptedParameters {
  /** The region folder as given. */
  regionPath: string;
  /** Region id and name. */
  region: { id: string; name: string };
  profile: TerritoryProfile;
  /** Exactly what `adapt` returned. */
  proposed: Record<string, unknown>;
  /** Defaults overridden by the proposal, validated; null when the proposal breaks the schema. */
  params: Record<string, unknown> | null;
  /** Why the proposal was rejected (when `params` is null). */
  problem?: string;
}

/** One template as `regiontwin templates <id> --json` prints it. */
export interface TemplateDescription {
  id: string;
  category: string;
  title: SolutionTemplate['title'];
  description: SolutionTemplate['description'];
  parameters: Record<string, ParameterSpec>;
  coefficients: Record<string, Coefficient>;
  /** The indicators it moves, for the default parameters (or the adapted ones with --region). */
  indicators: { id: string; [param: string]: unknown }[];
  /** With --region: the proposal of `adapt`. */
  adapted?: AdaptedParameters;
}

/** The template of an id, or a UserError listing the known ids. */
export function findTemplate(id: string, templates: readonly SolutionTemplate[] = TEMPLATES): SolutionTemplate {
  const template = templates.find((t) => t.id === id);
  if (!template) {
    throw new UserError(`unknown template "${id}" (known: ${templates.map((t) => t.id).join(', ') || 'none'})`);
  }
  return template;
}

/** The range column of a parameter: `5…180`, `≥ 0`, `one of a, b` or `—`. */
export function formatParameterRange(spec: ParameterSpec): string {
  if (spec.enum?.length) return `one of ${spec.enum.join(', ')}`;
  const { minimum, maximum } = spec;
  if (minimum !== undefined && maximum !== undefined) return `${minimum}…${maximum}`;
  if (minimum !== undefined) return `≥ ${minimum}`;
  if (maximum !== undefined) return `≤ ${maximum}`;
  return MISSING_VALUE;
}

/** A parameter value as it would be written in a scenario (JSON), e.g. `30`, `true`, `"fibre"`. */
function formatParameterValue(value: unknown): string {
  return value === undefined ? MISSING_VALUE : JSON.stringify(value);
}

/** The catalogue table: id, category and English title of every template. */
export function formatTemplateList(templates: readonly SolutionTemplate[]): string {
  return [
    `${templates.length} template${templates.length === 1 ? '' : 's'} in @regiontwin/templates:`,
    '',
    formatTable([['Id', 'Category', 'Title'], ...templates.map((t) => [t.id, t.category, t.title.en])], () => false),
    '',
    'regiontwin templates <id> shows its parameters, coefficients with sources and indicators;',
    'add --region <dir> to see the parameters it proposes for a region.',
  ].join('\n');
}

/** `indicator-id kind=it-hub minutes=30` */
function formatIndicatorSpec(spec: { id: string; [param: string]: unknown }): string {
  const params = Object.entries(spec)
    .filter(([key]) => key !== 'id')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [spec.id, ...params].join(' ');
}

/** The profile lines shown with adapted parameters. */
function formatProfile(profile: TerritoryProfile): string[] {
  const size = profile.settlementSize;
  return [
    `  area ${formatNumber(profile.areaKm2, 0)} km², ${formatNumber(profile.population, 0)} people, ${formatNumber(profile.densityPerKm2, 2)} people/km², ${profile.districts} districts (mean ${formatNumber(profile.meanDistrictPopulation, 0)} people)`,
    `  urban share ${formatNumber(profile.urbanShare, 3)}, settlement size p10/p50/p90/max ${[size.p10, size.p50, size.p90, size.max].map((v) => formatNumber(v, 0)).join(' / ')} people`,
    `  mean spacing between settlements ${formatNumber(profile.meanSpacingKm, 1)} km, road density ${formatNumber(profile.roadDensityKmPerKm2, 3)} km/km²` +
      (profile.naturalZones.length ? `, natural zones: ${profile.naturalZones.join(', ')}` : ''),
  ];
}

/** The text shown by `regiontwin templates <id>`. */
export function formatTemplateDescription(d: TemplateDescription): string {
  const lines = [
    `${d.id}: ${d.title.en} (${d.category})`,
    `  ru: ${d.title.ru}`,
    `  kk: ${d.title.kk}`,
    '',
    d.description.en,
    '',
    'Parameters',
    formatTable(
      [
        ['Name', 'Type', 'Unit', 'Default', 'Range', 'Description'],
        ...Object.entries(d.parameters).map(([name, spec]) => [
          name,
          spec.type,
          spec.unit ?? MISSING_VALUE,
          formatParameterValue(spec.default),
          formatParameterRange(spec),
          spec.description,
        ]),
      ],
      () => false,
    ),
  ];
  if (d.adapted) {
    const a = d.adapted;
    lines.push(
      '',
      `Adapted to ${a.region.name} (${a.region.id}, ${a.regionPath}) by the template's adapt() from the territory profile:`,
      ...formatProfile(a.profile),
      '',
      formatTable(
        [
          ['Parameter', 'Default', 'Proposed'],
          ...Object.entries(d.parameters).map(([name, spec]) => [
            name,
            formatParameterValue(spec.default),
            Object.prototype.hasOwnProperty.call(a.proposed, name)
              ? formatParameterValue(a.proposed[name])
              : '(default)',
          ]),
        ],
        () => false,
      ),
    );
  }
  const coefficients = Object.entries(d.coefficients);
  lines.push('', `Coefficients (${coefficients.length}, each with its source)`);
  for (const [name, c] of coefficients) {
    lines.push(`  ${name} = ${formatNumber(c.value, 6)} ${c.unit}: ${c.description}`, `    source: ${c.source}`);
  }
  lines.push(
    '',
    `Indicators it moves (with the ${d.adapted?.params ? 'proposed' : 'default'} parameters)`,
    ...d.indicators.map((spec) => `  ${formatIndicatorSpec(spec)}`),
  );
  return lines.join('\n');
}

/** Runs `adapt` on a region's profile and checks the proposal against the schema. */
async function adaptToRegion(template: SolutionTemplate, regionPath: string): Promise<AdaptedParameters> {
  const { model } = await loadRegionInput(regionPath);
  const profile = computeTerritoryProfile(model);
  const proposed = { ...template.adapt(profile) } as Record<string, unknown>;
  let params: Record<string, unknown> | null = null;
  let problem: string | undefined;
  try {
    params = resolveTemplateParams(template, proposed);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  return {
    regionPath,
    region: { id: model.id, name: model.name },
    profile,
    proposed,
    params,
    ...(problem ? { problem } : {}),
  };
}

/** Everything `regiontwin templates <id>` shows, as plain data. */
export async function describeTemplate(template: SolutionTemplate, regionPath?: string): Promise<TemplateDescription> {
  const adapted = regionPath === undefined ? undefined : await adaptToRegion(template, regionPath);
  const params = adapted?.params ?? resolveTemplateParams(template, {});
  return {
    id: template.id,
    category: template.category,
    title: template.title,
    description: template.description,
    parameters: template.parameters,
    coefficients: template.coefficients,
    indicators: template.indicators(params),
    ...(adapted ? { adapted } : {}),
  };
}

/**
 * `regiontwin templates [id] [--region DIR] [--json]`: without an id, the catalogue (id,
 * category, English title); with one, its parameters (type, unit, default, range, description),
 * with `--region` the parameters its `adapt` proposes for that region's territory profile, its
 * coefficients with their sources, and the indicators it moves. Unknown id: a UserError (exit 1)
 * listing the known ids.
 */
export async function templatesCommand(
  id: string | undefined,
  flags: TemplatesFlags,
  context: CommandContext,
  templates: readonly SolutionTemplate[] = TEMPLATES,
): Promise<number> {
  if (id === undefined) {
    if (flags.region !== undefined) {
      throw new UserError('--region needs a template id: regiontwin templates <id> --region <dir>');
    }
    if (flags.json) {
      const list = templates.map((t) => ({ id: t.id, category: t.category, title: t.title }));
      context.out(JSON.stringify(list, null, 2));
    } else context.out(formatTemplateList(templates));
    return 0;
  }
  const description = await describeTemplate(findTemplate(id, templates), flags.region);
  if (flags.json) context.out(JSON.stringify(description, null, 2));
  else context.out(formatTemplateDescription(description));
  if (description.adapted?.problem) {
    context.err(`warning: ${id}: adapt() proposed parameters outside the schema: ${description.adapted.problem}`);
  }
  return 0;
}
