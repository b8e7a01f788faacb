import type { ResultNumber } from '@regiontwin/core';

/** What a table shows for a value that is undefined (null in a result). */
export const MISSING_VALUE = '—';

/** Formats a number for tables: thousands separators, at most `digits` decimals. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.abs(value) >= 1000 ? Math.round(value) : Number(value.toFixed(digits));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Decimals shown for a unit: shares (0..1) need more than people or KZT. */
function digitsFor(unit: string): number {
  return unit === 'share' ? 3 : 2;
}

/**
 * Formats a result number for people: thousands separators, decimals by unit (3 for `share`,
 * else 2; none at or above 1,000), and {@link MISSING_VALUE} for null.
 */
export function formatValue(value: ResultNumber, unit = ''): string {
  if (value === null) return MISSING_VALUE;
  const text = formatNumber(value, digitsFor(unit));
  return text === '-0' ? '0' : text;
}

/** Like {@link formatValue}, with an explicit sign for non-zero changes (`+1,200`, `−3.5`). */
export function formatDelta(value: ResultNumber, unit = ''): string {
  if (value === null) return MISSING_VALUE;
  const text = formatValue(Math.abs(value), unit);
  if (text === '0') return '0';
  return (value > 0 ? '+' : '−') + text;
}

/** Renders rows as an aligned plain-text table (first row is the header). */
export function formatTable(rows: string[][], rightAligned: (column: number) => boolean = (c) => c > 0): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const smallFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** Short form for chart labels: `1.05B`, `450M`, `12.3K`, `0.819`; {@link MISSING_VALUE} for null. */
export function formatCompact(value: ResultNumber): string {
  if (value === null) return MISSING_VALUE;
  const text = Math.abs(value) >= 1000 ? compactFormat.format(value) : smallFormat.format(value);
  return text === '-0' ? '0' : text;
}
