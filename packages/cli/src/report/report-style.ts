import { trustedHtml, type SafeHtml } from './escape-html.js';

/** The reports' style sheet: system fonts, tabular numbers, no external resource, and a print layout. */
export const REPORT_CSS: SafeHtml = trustedHtml(`
:root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --soft: #f9fafb; --accent: #2563eb; --warn: #92400e; --warn-bg: #fffbeb; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #f3f4f6; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 24px 40px; background: #fff; min-height: 100vh; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 20px; }
h1 { font-size: 26px; line-height: 1.2; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 16px 0 6px; }
p { margin: 6px 0; }
.meta { color: var(--muted); margin: 0; }
.meta span + span::before { content: " · "; }
.description { margin-top: 8px; max-width: 72ch; }
.muted, figcaption { color: var(--muted); font-size: 12px; }
section { break-inside: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 10px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; font-size: 12px; color: #374151; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.unit { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fcfcfd; }
.better { color: #166534; }
.worse { color: #b91c1c; }
.rank1 { font-weight: 700; }
.warnings { background: var(--warn-bg); border: 1px solid #fcd34d; border-left: 4px solid #f59e0b; color: var(--warn); padding: 8px 12px; border-radius: 4px; margin: 12px 0; }
.warnings ul { margin: 4px 0 0; padding-left: 20px; }
.warnings h2 { border: 0; margin: 0; font-size: 14px; padding: 0; }
figure { margin: 8px 0 16px; }
figure.map { display: flex; flex-direction: column; align-items: flex-start; gap: 4px; }
.map-row { display: grid; grid-template-columns: minmax(0, 640px) minmax(200px, 1fr); gap: 20px; align-items: start; }
.map-row ol { margin: 4px 0; padding-left: 22px; font-size: 12px; }
.small-maps { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr)); gap: 12px 20px; }
.small-maps h3 { margin-top: 4px; }
svg { max-width: 100%; height: auto; overflow: visible; font-family: inherit; }
svg text { font-size: 11px; fill: #374151; }
svg .tick { font-size: 10px; fill: var(--muted); }
svg .grid { stroke: #eef0f3; }
svg .axis, svg.legend line { stroke: #9ca3af; }
svg .districts path { stroke: #fff; stroke-width: 0.8; stroke-linejoin: round; }
svg .marker circle { fill: #111827; stroke: #fff; stroke-width: 1.5; }
svg .marker text { fill: #fff; font-size: 9px; font-weight: 700; text-anchor: middle; }
.bar-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(460px, 100%), 1fr)); gap: 4px 24px; }
.bar-grid h3 { font-size: 13px; }
table.assumptions { max-width: 560px; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr)); gap: 6px 20px; }
/* Charts of one row line up even when a title wraps onto two lines. */
.chart-grid figure { margin: 4px 0 10px; display: flex; flex-direction: column; }
.chart-grid figure > svg { margin-top: auto; }
.chart-grid h3 { margin: 6px 0 2px; font-size: 13px; }
.key { display: inline-flex; align-items: center; gap: 6px; margin-right: 14px; font-size: 12px; color: var(--muted); }
.key i { display: inline-block; width: 18px; height: 0; border-top: 2px solid var(--accent); }
.key i.baseline { border-top: 2px dashed #9ca3af; }
.key i.bar { height: 8px; border: 0; background: var(--accent); }
.key i.bar.baseline { background: #9ca3af; height: 4px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; background: var(--soft); padding: 0 3px; border-radius: 3px; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media (max-width: 760px) {
  .map-row { grid-template-columns: 1fr; }
  main { padding: 16px 12px; }
  /* Narrow screens: words stay whole and a wide table scrolls sideways instead of breaking "Indicator" into letters. */
  table { display: block; overflow-x: auto; }
  th, td { overflow-wrap: normal; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff; font-size: 11px; }
  main { max-width: none; padding: 0; min-height: 0; }
  h2 { break-after: avoid; }
  figure, table tr, .warnings, .chart-grid > *, .bar-grid > *, .small-maps > * { break-inside: avoid; }
  .map-row { grid-template-columns: 1fr; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`);
