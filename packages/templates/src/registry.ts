import type { RegionModel, TemplateExpander, TemplateIntervention } from '@regiontwin/core';
import type { ParameterSpec, SolutionTemplate } from './template.js';
import { itHubPerDistrict } from './templates/it-hub-per-district.js';
import { ruralBroadband } from './templates/rural-broadband.js';
import { digitalLiteracyCenters } from './templates/digital-literacy-centers.js';
import { publicServiceCenters } from './templates/public-service-centers.js';
import { smartStreetLighting } from './templates/smart-street-lighting.js';
import { safeCityCctv } from './templates/safe-city-cctv.js';
import { evChargingCorridor } from './templates/ev-charging-corridor.js';
import { smartTrafficSignals } from './templates/smart-traffic-signals.js';
import { busLine } from './templates/bus-line.js';
import { airQualitySensors } from './templates/air-quality-sensors.js';
import { newResidentialQuarter } from './templates/new-residential-quarter.js';
import { telemedicinePoints } from './templates/telemedicine-points.js';

/** Every template of the library, by id. */
export const TEMPLATES: readonly SolutionTemplate[] = [
  itHubPerDistrict,
  ruralBroadband,
  digitalLiteracyCenters,
  publicServiceCenters,
  smartStreetLighting,
  safeCityCctv,
  evChargingCorridor,
  smartTrafficSignals,
  busLine,
  airQualitySensors,
  newResidentialQuarter,
  telemedicinePoints,
] as unknown as SolutionTemplate[];

/** The template with this id, or undefined. */
export function getTemplate(id: string): SolutionTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/**
 * Checks parameters against a template's schema and fills in defaults.
 * @throws Error naming the parameter, the rule and the allowed range.
 */
export function resolveTemplateParams(
  template: SolutionTemplate,
  params: Record<string, unknown> = {},
): Record<string, unknown> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(params)) {
    if (!Object.prototype.hasOwnProperty.call(template.parameters, key)) {
      problems.push(`unknown parameter "${key}" (known: ${Object.keys(template.parameters).join(', ')})`);
    }
  }
  for (const [key, spec] of Object.entries(template.parameters) as [string, ParameterSpec][]) {
    const value = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : spec.default;
    const problem = checkParameter(key, spec, value);
    if (problem) problems.push(problem);
    else out[key] = value;
  }
  if (problems.length) throw new Error(`template "${template.id}": ${problems.join('; ')}`);
  return out;
}

function checkParameter(key: string, spec: ParameterSpec, value: unknown): string | undefined {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  if (spec.type === 'number' || spec.type === 'integer') {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return `"${key}" must be a number${unit ? ' of' + unit : ''}`;
    if (spec.type === 'integer' && !Number.isInteger(value)) return `"${key}" must be a whole number`;
    if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
      return `"${key}" is ${value}${unit}, outside ${spec.minimum ?? '−∞'}…${spec.maximum ?? '∞'}${unit}`;
    }
  } else if (spec.type === 'boolean' && typeof value !== 'boolean') return `"${key}" must be true or false`;
  else if (spec.type === 'string') {
    if (typeof value !== 'string') return `"${key}" must be a string`;
    if (spec.enum && !spec.enum.includes(value)) return `"${key}" must be one of ${spec.enum.join(', ')}`;
  }
  return undefined;
}

/** Expands a scenario's template reference; the function core's `prepareScenario` takes. */
export const expandTemplate: TemplateExpander = (intervention: TemplateIntervention, model: RegionModel, random) => {
  const template = getTemplate(intervention.template);
  if (!template) {
    throw new Error(`unknown template "${intervention.template}" (known: ${TEMPLATES.map((t) => t.id).join(', ')})`);
  }
  const params = resolveTemplateParams(template, intervention.params);
  return template.expand(model, params, random);
};
