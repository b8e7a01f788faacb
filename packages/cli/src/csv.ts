/** A CSV cell: text, a number (written in full precision) or empty (null/undefined). */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV field by RFC 4180: quoted when it holds a comma, a double quote, CR or LF, with inner
 * quotes doubled. Numbers are written as JavaScript prints them (shortest round-trip form).
 */
export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as RFC 4180 CSV: fields joined by commas, records ended by CRLF. */
export function formatCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(formatCsvField).join(',') + '\r\n').join('');
}
