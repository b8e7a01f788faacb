import { basename, extname } from 'node:path';
import {
  compareScenarios,
  formatRegionProblem,
  type ConcreteScenario,
  type ScenarioComparison,
  type ScenarioResult,
} from '@regiontwin/core';
import { createEngine } from '@regiontwin/core/node';
import { openOutputDir } from '../atomic-output.js';
import { parseWorkerCount, type CommandContext } from '../command-context.js';
import { formatDelta, formatTable, formatValue, MISSING_VALUE } from '../format.js';
import { renderComparisonReport } from '../report/report-html.js';
import type { RegionLimitFlags } from './validate.js';
import { loadRegionInput, prepareScenarioInput, readScenarioInput, type ScenarioInput } from '../scenario-input.js';
import { UserError } from '../user-error.js';
import { formatResultJson, reportWarnings } from './run.js';

/** Flags of `regiontwin compare`. */
export interface CompareFlags extends RegionLimitFlags {
  out?: string;
  workers?: string;
  json?: boolean;
  force?: boolean;
}

/**
 * Short, unique, file-system-safe names for scenario files: the file name without `.json`,
 * lower case, runs of other characters as `-`; repeats get `-2`, `-3`….
 */
export function scenarioSlugs(files: readonly string[]): string[] {
  const used = new Set<string>();
  return files.map((file) => {
    const base =
      basename(file, extname(file))
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'scenario';
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}

/** The side-by-side table: one row per indicator; per scenario its value, change and rank. */
export function formatComparisonTable(
  comparison: ScenarioComparison,
  slugs: readonly string[],
  files: readonly string[],
): string {
  const legend = comparison.scenarios.map((name, i) => `  ${slugs[i]}: ${name} (${files[i]})`);
  const header = ['Indicator', 'Unit', 'Baseline', ...slugs.flatMap((slug) => [slug, 'change', 'rank'])];
  const rows = comparison.indicators.map((ind) => [
    ind.label,
    ind.unit,
    formatValue(ind.baseline, ind.unit),
    ...ind.values.flatMap((v) => [
      formatValue(v.value, ind.unit),
      formatDelta(v.delta, ind.unit),
      v.rank === null ? MISSING_VALUE : String(v.rank),
    ]),
  ]);
  return [
    `Comparison of ${comparison.scenarios.length} scenarios of ${comparison.region}:`,
    ...legend,
    '',
    formatTable([header, ...rows], (c) => c > 1),
    '',
    "rank 1 = best by the indicator's direction (higher or lower is better); equal values share a rank; — = no direction or no value",
  ].join('\n');
}

/**
 * `regiontwin compare <a.json> <b.json> …`: runs every scenario on their one shared region,
 * prints the side-by-side table (or the comparison as JSON), and with `--out` writes
 * comparison.json, `<slug>/result.json` per scenario and report.html atomically.
 */
export async function compareCommand(files: string[], flags: CompareFlags, context: CommandContext): Promise<number> {
  if (files.length < 2) throw new UserError(`compare needs at least two scenario files (got ${files.length})`);
  const workers = parseWorkerCount(flags.workers, 0);
  const writer = flags.out
    ? await openOutputDir(flags.out, { force: Boolean(flags.force), markers: ['comparison.json'] })
    : undefined;
  const inputs: ScenarioInput[] = [];
  for (const file of files) inputs.push(await readScenarioInput(file));
  const other = inputs.find((input) => input.regionKey !== inputs[0].regionKey);
  if (other) {
    throw new UserError(
      `the scenarios must share one region: ${inputs[0].file} uses ${inputs[0].regionPath}, ${other.file} uses ${other.regionPath}`,
    );
  }
  const { region, model } = await loadRegionInput(inputs[0].regionPath, flags);
  const scenarios: ConcreteScenario[] = inputs.map((input) =>
    prepareScenarioInput(input.file, input.doc, model, context.expandTemplate),
  );

  const engine = createEngine({ workers });
  let results: ScenarioResult[];
  try {
    await engine.setModel(model);
    context.progress.start('comparing', scenarios.length);
    const outcomes = await engine.runMany(scenarios, { onProgress: (p) => context.progress.update(p.done, p.failed) });
    results = outcomes.map((outcome, i) => {
      if (outcome.status === 'ok') return outcome.result;
      // Not a user mistake: the scenario was valid and prepared; the engine failed on it.
      throw new Error(
        `${files[i]}: the run ${outcome.status === 'failed' ? `failed: ${outcome.error}` : 'was cancelled'}`,
      );
    });
  } finally {
    context.progress.stop();
    engine.dispose();
  }

  const comparison = compareScenarios(results);
  const slugs = scenarioSlugs(files);
  reportWarnings(
    context,
    inputs[0].regionPath,
    [...new Set(results.flatMap((r) => r.warnings))],
    region.warnings.length,
  );
  if (writer) {
    try {
      for (let i = 0; i < results.length; i++)
        await writer.stage(`${slugs[i]}/result.json`, formatResultJson(results[i]));
      await writer.stage(
        'report.html',
        renderComparisonReport({
          comparison,
          results,
          slugs,
          files: files.map((f) => basename(f)),
          model,
          regionWarnings: region.warnings.map(formatRegionProblem),
        }),
      );
      await writer.stage(
        'comparison.json',
        formatResultJson({ schema: 'regiontwin/comparison@1', ...comparison, slugs }),
      );
      await writer.commit();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }
  if (flags.json) {
    context.out(formatResultJson({ schema: 'regiontwin/comparison@1', ...comparison, slugs }).trimEnd());
    return 0;
  }
  context.out(formatComparisonTable(comparison, slugs, files));
  if (writer) {
    context.out('');
    context.out(
      `Wrote ${writer.dir}: comparison.json, ${slugs.map((s) => `${s}/result.json`).join(', ')}, report.html`,
    );
  }
  return 0;
}
