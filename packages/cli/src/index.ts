/**
 * @regiontwin/cli — the `regiontwin` command. `main(argv)` is exported for embedding and tests,
 * with the pieces the commands are made of (report rendering, atomic output, CSV, sweeps).
 * @packageDocumentation
 */
export { main, type CliIo, type CliOptions } from './main.js';
export { UserError } from './user-error.js';
export { formatNumber, formatTable, formatValue, formatDelta, formatCompact, MISSING_VALUE } from './format.js';
export { formatCsv, formatCsvField, type CsvValue } from './csv.js';
export { escapeHtml, html, trustedHtml, SafeHtml } from './report/escape-html.js';
export {
  renderScenarioReport,
  renderComparisonReport,
  type ScenarioReportInput,
  type ComparisonReportInput,
} from './report/report-html.js';
export { buildInterventionsLayer, concreteChanges } from './interventions-geojson.js';
export { openOutputDir, type OutputWriter, type OpenOutputOptions } from './atomic-output.js';
export {
  parseSweepParam,
  evenlySpaced,
  countVariants,
  variantValues,
  setAtPath,
  MAX_SWEEP_VARIANTS,
  type SweepParam,
} from './sweep-params.js';
export { formatResultTable, formatResultJson, layerFileName } from './commands/run.js';
export { scenarioSlugs, formatComparisonTable } from './commands/compare.js';
export {
  formatSweepCsv,
  formatSweepTable,
  type SweepDocument,
  type SweepVariant,
  type SweepIndicator,
  type SweepBest,
} from './commands/sweep.js';
