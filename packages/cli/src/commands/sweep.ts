import { basename } from 'node:path';
import {
  indicatorKey,
  prepareScenario,
  ScenarioPreparationError,
  ScenarioValidationError,
  validateScenarioDocument,
  type ConcreteScenario,
  type IndicatorResult,
  type ResultNumber,
} from '@regiontwin/core';
import { createEngine } from '@regiontwin/core/node';
import { openOutputDir } from '../atomic-output.js';
import { defaultSweepWorkers, parseWorkerCount, type CommandContext } from '../command-context.js';
import { formatCsv, type CsvValue } from '../csv.js';
import { formatDelta, formatTable, formatValue, MISSING_VALUE } from '../format.js';
import type { RegionLimitFlags } from './validate.js';
import { loadRegionInput, readScenarioInput } from '../scenario-input.js';
import { countVariants, parseSweepParam, setAtPath, variantValues, type SweepParam } from '../sweep-params.js';
import { UserError } from '../user-error.js';
import { formatResultJson, reportWarnings } from './run.js';

/** Flags of `regiontwin sweep`. */
export interface SweepFlags extends RegionLimitFlags {
  param: string[];
  out?: string;
  workers?: string;
  json?: boolean;
  force?: boolean;
}

/** Scenarios prepared and run per batch: bounds memory (results are summarised, then dropped). */
const BATCH_SIZE = 1024;
/** Failed variants listed on stderr (all are in sweep.csv and sweep.json). */
const FAILURES_SHOWN = 10;

/** One indicator column of a sweep (the union over variants, in order of first appearance). */
export interface SweepIndicator {
  key: string;
  id: string;
  label: string;
  unit: string;
  better: IndicatorResult['better'];
}

/** One variant's outcome. Count in = count out: every variant has one, failed or not. */
export interface SweepVariant {
  /** 1-based. */
  variant: number;
  /** Parameter name → value. */
  params: Record<string, number>;
  status: 'ok' | 'failed';
  /** Why it failed (validation, preparation or run). */
  error?: string;
  /** Per indicator column (null where the variant has no such indicator). */
  values: ({ baseline: ResultNumber; scenario: ResultNumber; delta: ResultNumber } | null)[];
}

/** The best variant of one indicator (by its direction; the first one on ties). */
export interface SweepBest {
  key: string;
  variant: number | null;
  scenario: ResultNumber;
  delta: ResultNumber;
}

/** `sweep.json`. */
export interface SweepDocument {
  schema: 'regiontwin/sweep@1';
  scenario: string;
  file: string;
  region: string;
  params: { name: string; from: number; to: number; steps: number; values: number[] }[];
  counts: { variants: number; ok: number; failed: number };
  indicators: SweepIndicator[];
  best: SweepBest[];
  variants: SweepVariant[];
}

/** `sweep.csv`: a row per variant — the parameter values, status, error, then each indicator's scenario value and change. */
export function formatSweepCsv(sweep: SweepDocument): string {
  const header: CsvValue[] = [
    'variant',
    ...sweep.params.map((p) => p.name),
    'status',
    'error',
    ...sweep.indicators.flatMap((ind) => [`${ind.label} (${ind.unit})`, `${ind.label} (${ind.unit}) change`]),
  ];
  const rows = sweep.variants.map((v): CsvValue[] => [
    v.variant,
    ...sweep.params.map((p) => v.params[p.name]),
    v.status,
    v.error ?? '',
    ...v.values.flatMap((value) => [value?.scenario, value?.delta]),
  ]);
  return formatCsv([header, ...rows]);
}

/** The summary: per indicator, the best variant and its parameter values. */
export function formatSweepTable(sweep: SweepDocument): string {
  const byNumber = new Map(sweep.variants.map((v) => [v.variant, v]));
  const rows = sweep.indicators.map((ind, i) => {
    const best = sweep.best[i];
    const variant = best.variant === null ? undefined : byNumber.get(best.variant);
    return [
      ind.label,
      ind.unit,
      ind.better === 'none' ? 'no direction' : `${ind.better} is better`,
      variant ? formatValue(best.scenario, ind.unit) : MISSING_VALUE,
      variant ? formatDelta(best.delta, ind.unit) : MISSING_VALUE,
      variant ? `#${variant.variant}` : MISSING_VALUE,
      variant ? sweep.params.map((p) => `${p.name}=${variant.params[p.name]}`).join(' ') : '',
    ];
  });
  return [
    `Sweep of ${sweep.scenario}: ${sweep.counts.variants} variant${sweep.counts.variants === 1 ? '' : 's'}, ${sweep.counts.ok} ok, ${sweep.counts.failed} failed`,
    ...sweep.params.map((p) => `  ${p.name}: ${p.values.join(', ')}`),
    '',
    formatTable(
      [['Indicator', 'Unit', 'Direction', 'Best', 'Change', 'Variant', 'Parameters'], ...rows],
      (c) => c >= 3 && c <= 5,
    ),
  ].join('\n');
}

/** A parameter's JSON pointer, e.g. `/assumptions/populationGrowthPerYear`. */
function pointerOf(param: SweepParam): string {
  return '/' + param.path.map((key) => key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** Whether a JSON pointer names a value present in a document. */
function hasPointer(doc: unknown, pointer: string): boolean {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Fails fast when a NAME adds a member the scenario format does not have (a typo such as
 * `asumptions.x`): that is a mistake in the command line, not a failure of every variant. Only
 * NAMEs that are not already in the document are checked, and only when the validator's
 * "unknown property" problems are all about added members (a value that fits no change type can
 * make it call every member of that change unknown).
 * @throws {UserError} naming the parameter.
 */
function rejectUnknownNames(doc: unknown, params: readonly SweepParam[], file: string): void {
  const added = params.filter((param) => !hasPointer(doc, pointerOf(param)));
  if (added.length === 0) return;
  const first = structuredClone(doc);
  for (const param of params) setAtPath(first, param, param.from);
  try {
    validateScenarioDocument(first, file);
  } catch (error) {
    if (!(error instanceof ScenarioValidationError)) throw error;
    const unknown = error.problems.filter((p) => /unknown property/.test(p.message));
    if (unknown.some((p) => hasPointer(doc, p.path))) return;
    for (const param of added) {
      const pointer = pointerOf(param);
      const problem = unknown.find((p) => pointer === p.path || pointer.startsWith(p.path + '/'));
      if (problem) {
        throw new UserError(`--param ${param.name}: ${problem.path} is not part of the scenario format`);
      }
    }
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ScenarioValidationError)
    return error.problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
  if (error instanceof ScenarioPreparationError) return `${error.path}: ${error.message}`;
  if (error instanceof UserError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * `regiontwin sweep <scenario.json> --param NAME=FROM..TO:STEPS …`: every combination of the
 * parameters' values (at most 100,000) is set into a copy of the scenario, re-validated,
 * prepared and run on `--workers` threads. Variants that fail are reported, never dropped.
 * Prints the best variant per indicator (or sweep.json), writes sweep.csv and sweep.json with
 * `--out`. Exit 0 when at least one variant ran, 1 when none did.
 */
export async function sweepCommand(file: string, flags: SweepFlags, context: CommandContext): Promise<number> {
  if (!flags.param?.length) throw new UserError('sweep needs at least one --param NAME=FROM..TO:STEPS');
  const params: SweepParam[] = flags.param.map(parseSweepParam);
  const total = countVariants(params);
  const workers = parseWorkerCount(flags.workers, defaultSweepWorkers());
  const writer = flags.out
    ? await openOutputDir(flags.out, { force: Boolean(flags.force), markers: ['sweep.json', 'sweep.csv'] })
    : undefined;
  const input = await readScenarioInput(file);
  // Check every NAME against the document before any work.
  for (const param of params) setAtPath(structuredClone(input.doc), param, param.from);
  rejectUnknownNames(input.doc, params, file);
  const { region, model } = await loadRegionInput(input.regionPath, flags);

  const indicators: SweepIndicator[] = [];
  const columnOf = new Map<string, number>();
  const variants: SweepVariant[] = [];
  const warnings = new Set<string>();
  const engine = createEngine({ workers });
  try {
    await engine.setModel(model);
    context.progress.start(`sweeping ${basename(file)}`, total);
    let done = 0;
    let failed = 0;
    for (let first = 0; first < total; first += BATCH_SIZE) {
      const batch: { variant: SweepVariant; scenario?: ConcreteScenario }[] = [];
      for (let index = first; index < Math.min(total, first + BATCH_SIZE); index++) {
        const values = variantValues(params, index);
        const variant: SweepVariant = {
          variant: index + 1,
          params: Object.fromEntries(params.map((p, k) => [p.name, values[k]])),
          status: 'ok',
          values: [],
        };
        try {
          const doc = structuredClone(input.doc) as unknown;
          params.forEach((p, k) => setAtPath(doc, p, values[k]));
          const valid = validateScenarioDocument(doc, file);
          const scenario = prepareScenario(valid, model, { expandTemplate: context.expandTemplate });
          batch.push({ variant, scenario: { ...scenario, name: `${scenario.name} #${index + 1}` } });
        } catch (error) {
          if (!(
            error instanceof ScenarioValidationError ||
            error instanceof ScenarioPreparationError ||
            error instanceof UserError
          ))
            throw error;
          variant.status = 'failed';
          variant.error = describeFailure(error);
          batch.push({ variant });
          failed++;
          done++;
        }
      }
      context.progress.update(done, failed);
      const runnable = batch.filter((b) => b.scenario);
      const before = { done, failed };
      const outcomes = await engine.runMany(
        runnable.map((b) => b.scenario!),
        { onProgress: (p) => context.progress.update(before.done + p.done, before.failed + p.failed) },
      );
      outcomes.forEach((outcome, k) => {
        const variant = runnable[k].variant;
        done++;
        if (outcome.status !== 'ok') {
          failed++;
          variant.status = 'failed';
          variant.error = outcome.status === 'failed' ? `run failed: ${outcome.error}` : 'cancelled';
          return;
        }
        for (const warning of outcome.result.warnings) warnings.add(warning);
        for (const ind of outcome.result.indicators) {
          const key = indicatorKey(ind);
          let column = columnOf.get(key);
          if (column === undefined) {
            column = indicators.length;
            columnOf.set(key, column);
            indicators.push({ key, id: ind.id, label: ind.label, unit: ind.unit, better: ind.better });
          }
          variant.values[column] = { baseline: ind.baseline, scenario: ind.scenario, delta: ind.delta };
        }
      });
      for (const b of batch) variants.push(b.variant);
    }
  } finally {
    context.progress.stop();
    engine.dispose();
  }
  for (const v of variants) v.values = Array.from({ length: indicators.length }, (_, i) => v.values[i] ?? null);

  const best: SweepBest[] = indicators.map((ind, i) => {
    let winner: SweepVariant | undefined;
    if (ind.better !== 'none') {
      const sign = ind.better === 'higher' ? 1 : -1;
      for (const v of variants) {
        const value = v.values[i]?.scenario;
        if (v.status !== 'ok' || value === null || value === undefined) continue;
        const current = winner?.values[i]?.scenario;
        if (current === null || current === undefined || sign * (value - current) > 0) winner = v;
      }
    }
    return {
      key: ind.key,
      variant: winner?.variant ?? null,
      scenario: winner?.values[i]?.scenario ?? null,
      delta: winner?.values[i]?.delta ?? null,
    };
  });
  const okCount = variants.filter((v) => v.status === 'ok').length;
  const sweep: SweepDocument = {
    schema: 'regiontwin/sweep@1',
    scenario: input.doc.name,
    file: basename(file),
    region: model.id,
    params: params.map((p) => ({ name: p.name, from: p.from, to: p.to, steps: p.steps, values: p.values })),
    counts: { variants: variants.length, ok: okCount, failed: variants.length - okCount },
    indicators,
    best,
    variants,
  };

  reportWarnings(context, input.regionPath, [...warnings], region.warnings.length);
  const failures = variants.filter((v) => v.status === 'failed');
  for (const v of failures.slice(0, FAILURES_SHOWN)) {
    context.err(
      `variant #${v.variant} (${params.map((p) => `${p.name}=${v.params[p.name]}`).join(' ')}) failed: ${v.error}`,
    );
  }
  if (failures.length > FAILURES_SHOWN)
    context.err(`… and ${failures.length - FAILURES_SHOWN} more failed variants (all are in sweep.csv)`);

  if (writer) {
    try {
      await writer.stage('sweep.csv', formatSweepCsv(sweep));
      await writer.stage('sweep.json', formatResultJson(sweep));
      await writer.commit();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }
  if (flags.json) context.out(formatResultJson(sweep).trimEnd());
  else {
    context.out(formatSweepTable(sweep));
    if (writer) {
      context.out('');
      context.out(`Wrote ${writer.dir}: sweep.csv, sweep.json`);
    }
  }
  if (okCount === 0) {
    context.err(`error: all ${variants.length} variants failed`);
    return 1;
  }
  return 0;
}
