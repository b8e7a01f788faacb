import { basename } from 'node:path';
import { buildDifferenceLayer, formatRegionProblem, type RegionModel, type ScenarioResult } from '@regiontwin/core';
import { createEngine } from '@regiontwin/core/node';
import { openOutputDir } from '../atomic-output.js';
import { parseWorkerCount, type CommandContext } from '../command-context.js';
import { formatDelta, formatTable, formatValue } from '../format.js';
import { buildInterventionsLayer, concreteChanges } from '../interventions-geojson.js';
import { renderScenarioReport } from '../report/report-html.js';
import type { RegionLimitFlags } from './validate.js';
import { loadRegionInput, prepareScenarioInput, readScenarioInput } from '../scenario-input.js';

/** Flags of `regiontwin run`. */
export interface RunFlags extends RegionLimitFlags {
  out?: string;
  workers?: string;
  json?: boolean;
  force?: boolean;
}

/** A result as `result.json` holds it: 2-space JSON and a final newline (deterministic bytes). */
export function formatResultJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** The file name of an indicator's difference layer: `layers/01-population-within-travel-time.geojson`. */
export function layerFileName(indicatorIndex: number, indicatorId: string): string {
  const safeId = indicatorId.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `layers/${String(indicatorIndex + 1).padStart(2, '0')}-${safeId}.geojson`;
}

/** The table of a result: one row per indicator (baseline, scenario, change), then the first indicator by year. */
export function formatResultTable(result: ScenarioResult, regionName: string): string {
  const changes = concreteChanges(result).length;
  const lines = [
    result.scenario,
    `${regionName} (${result.region}), ${result.years.start}–${result.years.end}, ${changes} change${changes === 1 ? '' : 's'}`,
    '',
    formatTable(
      [
        ['Indicator', 'Unit', 'Baseline', 'Scenario', 'Change'],
        ...result.indicators.map((ind) => [
          ind.label,
          ind.unit,
          formatValue(ind.baseline, ind.unit),
          formatValue(ind.scenario, ind.unit),
          formatDelta(ind.delta, ind.unit),
        ]),
      ],
      (c) => c > 1,
    ),
  ];
  const first = result.indicators[0];
  if (first && first.byYear.length > 1) {
    lines.push(
      '',
      `By year: ${first.label} (${first.unit})`,
      formatTable([
        ['Year', 'Baseline', 'Scenario', 'Change'],
        ...first.byYear.map((y) => [
          String(y.year),
          formatValue(y.baseline, first.unit),
          formatValue(y.scenario, first.unit),
          formatDelta(y.delta, first.unit),
        ]),
      ]),
    );
  }
  return lines.join('\n');
}

/** The files of one result: result.json, a difference layer per indicator, interventions.geojson, report.html. */
export function resultFiles(
  result: ScenarioResult,
  model: RegionModel,
  report: { scenarioFile: string; description?: string; regionWarnings: string[] },
): { path: string; content: string }[] {
  return [
    ...result.indicators.map((indicator, i) => ({
      path: layerFileName(i, indicator.id),
      content: JSON.stringify(buildDifferenceLayer(model, result, i)) + '\n',
    })),
    { path: 'interventions.geojson', content: JSON.stringify(buildInterventionsLayer(model, result), null, 1) + '\n' },
    { path: 'report.html', content: renderScenarioReport({ result, model, ...report }) },
    // Last: its presence marks a complete output.
    { path: 'result.json', content: formatResultJson(result) },
  ];
}

/** Warnings about the data, one line each on stderr. */
export function reportWarnings(
  context: CommandContext,
  regionPath: string,
  resultWarnings: string[],
  regionWarnings: number,
): void {
  for (const warning of resultWarnings) context.err(`warning: ${warning}`);
  if (regionWarnings > 0) {
    context.err(
      `warning: ${regionPath}: ${regionWarnings} data warning${regionWarnings === 1 ? '' : 's'} (regiontwin validate ${regionPath} lists them)`,
    );
  }
}

/**
 * `regiontwin run <scenario.json>`: validates the scenario, loads and compiles its region,
 * prepares and runs the scenario, prints the table (or the result as JSON), and with `--out`
 * writes result.json, the difference layers, interventions.geojson and report.html atomically.
 * Returns the exit code; user mistakes throw a UserError (exit 1).
 */
export async function runCommand(file: string, flags: RunFlags, context: CommandContext): Promise<number> {
  const workers = parseWorkerCount(flags.workers, 0);
  const writer = flags.out
    ? await openOutputDir(flags.out, { force: Boolean(flags.force), markers: ['result.json'] })
    : undefined;
  const input = await readScenarioInput(file);
  const { region, model } = await loadRegionInput(input.regionPath, flags);
  const scenario = prepareScenarioInput(file, input.doc, model, context.expandTemplate);

  const engine = createEngine({ workers });
  let result: ScenarioResult;
  try {
    await engine.setModel(model);
    context.progress.start(`${basename(file)}`, scenario.years.end - scenario.years.start + 1);
    result = await engine.run(scenario, { onProgress: (p) => context.progress.update(p.done) });
  } finally {
    context.progress.stop();
    engine.dispose();
  }

  reportWarnings(context, input.regionPath, result.warnings, region.warnings.length);
  if (writer) {
    try {
      const files = resultFiles(result, model, {
        scenarioFile: basename(file),
        description: input.doc.description,
        regionWarnings: region.warnings.map(formatRegionProblem),
      });
      for (const f of files) await writer.stage(f.path, f.content);
      await writer.commit({ ownedFolders: ['layers'] });
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }
  if (flags.json) {
    context.out(formatResultJson(result).trimEnd());
    return 0;
  }
  context.out(formatResultTable(result, model.name));
  if (writer) {
    const layers = result.indicators.length;
    context.out('');
    context.out(
      `Wrote ${writer.dir}: result.json, ${layers} layer${layers === 1 ? '' : 's'} in layers/, interventions.geojson, report.html`,
    );
  }
  return 0;
}
