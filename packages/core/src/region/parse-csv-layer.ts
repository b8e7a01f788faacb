import Papa from 'papaparse';
import type { Feature, FeatureCollection } from 'geojson';
import type { LayerMapping, LayerName, RegionProblem } from './region-manifest.js';
import { describeValue, readNumber } from './read-properties.js';
import { decodeUtf8Text } from './decode-utf8-text.js';

/** Whether a layer path names a CSV file (ends in `.csv`, any case). */
export function isCsvLayerPath(path: string): boolean {
  return /\.csv$/i.test(path);
}

/** The layers that may come from a CSV table of points. */
export const CSV_LAYERS: readonly LayerName[] = ['settlements', 'facilities'];

/** A CSV layer as GeoJSON, with the file row of each feature for messages. */
export interface CsvLayer {
  /** One Point feature per data row; a row without a usable position has `geometry: null`. */
  value: FeatureCollection;
  /** The row (line of the file, the header is row 1) of each feature. */
  rows: number[];
  /** Features whose row already has a reported position problem (their missing geometry is not reported again). */
  rowsWithoutPoint: Set<number>;
  problems: RegionProblem[];
}

/**
 * Parses a CSV layer (RFC 4180, through papaparse; the delimiter — comma, semicolon, tab — is
 * detected) into Point features: the first row is the header, every column becomes a property
 * (as text; numbers are read where a mapping uses them), and the columns named by the mapping's
 * `lon` and `lat` give the position. Every bad row is reported with its row number: a wrong number
 * of fields, broken quotes, a lon/lat that is missing or not a number.
 */
export function parseCsvLayer(
  bytes: Uint8Array | string,
  layer: LayerName,
  mapping: LayerMapping,
): CsvLayer | { problem: RegionProblem } {
  const file = mapping.path;
  const decoded = decodeUtf8Text(bytes, file, layer, 'save the CSV as UTF-8');
  if ('problem' in decoded) return decoded;
  const text = decoded.text;
  const problems: RegionProblem[] = [];
  const error = (message: string, extra: Partial<RegionProblem> = {}) =>
    problems.push({ severity: 'error', file, layer, code: 'csv-invalid', message, ...extra });

  // Parse row by row so that each row's line in the file is known (blank lines and quoted
  // line breaks included): the line of a row is 1 + the line breaks before its first character.
  const records: { fields: string[]; row: number; errors: Papa.ParseError[] }[] = [];
  let linesBefore = 0;
  let scanned = 0;
  const countBreaks = (until: number) => {
    for (; scanned < until && scanned < text.length; scanned++) if (text.charCodeAt(scanned) === 10) linesBefore++;
  };
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    step: (result) => {
      // Skip the line breaks and blank lines before this row's first character.
      let start = rowStart;
      while (start < text.length && /[\s]/.test(text[start])) start++;
      countBreaks(start);
      records.push({ fields: result.data, row: linesBefore + 1, errors: result.errors });
      rowStart = result.meta.cursor;
    },
  });
  if (records.length === 0) {
    return { value: { type: 'FeatureCollection', features: [] }, rows: [], rowsWithoutPoint: new Set(), problems };
  }
  const header = records[0].fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') error('the header (row 1) has an empty column name');
    else if (seen.has(name)) error(`the header (row 1) names column "${name}" twice`);
    seen.add(name);
  }
  for (const key of ['lon', 'lat'] as const) {
    const column = mapping[key];
    if (column !== undefined && !header.includes(column)) {
      problems.push({
        severity: 'error',
        file,
        layer,
        code: 'mapping-unknown-property',
        message: `mapping "${key}" names column "${column}", which the header does not have (columns: ${header.join(', ')})`,
      });
    }
  }
  const lonColumn = mapping.lon === undefined ? -1 : header.indexOf(mapping.lon);
  const latColumn = mapping.lat === undefined ? -1 : header.indexOf(mapping.lat);
  const features: Feature[] = [];
  const rows: number[] = [];
  const rowsWithoutPoint = new Set<number>();
  for (let r = 1; r < records.length; r++) {
    const { fields, row, errors } = records[r];
    const featureIndex = features.length;
    const properties: Record<string, string> = {};
    header.forEach((name, c) => {
      if (name !== '' && c < fields.length) properties[name] = fields[c];
    });
    const id = mapping.id === undefined ? undefined : properties[mapping.id];
    const at = { featureIndex, ...(id ? { featureId: id } : {}) };
    for (const e of errors) error(`row ${row}: ${e.message}`, at);
    if (fields.length !== header.length) {
      error(
        `row ${row} has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}`,
        at,
      );
    }
    let coordinates: number[] | undefined;
    if (lonColumn >= 0 && latColumn >= 0) {
      const lon = readNumber(fields[lonColumn]);
      const lat = readNumber(fields[latColumn]);
      for (const [key, reading, raw] of [
        ['lon', lon, fields[lonColumn]],
        ['lat', lat, fields[latColumn]],
      ] as const) {
        if (reading.kind === 'missing') {
          problems.push({
            severity: 'error',
            file,
            layer,
            code: 'coordinate-not-finite',
            message: `row ${row}: ${key} is empty`,
            ...at,
          });
        } else if (reading.kind === 'invalid') {
          problems.push({
            severity: 'error',
            file,
            layer,
            code: 'coordinate-not-finite',
            message: `row ${row}: ${key} ${describeValue(raw)} is not a number (use a decimal point, e.g. 63.625)`,
            ...at,
          });
        }
      }
      if (lon.kind === 'ok' && lat.kind === 'ok') coordinates = [lon.value, lat.value];
    }
    if (!coordinates) rowsWithoutPoint.add(featureIndex);
    features.push({
      type: 'Feature',
      properties,
      geometry: coordinates ? { type: 'Point', coordinates } : (null as unknown as Feature['geometry']),
    });
    rows.push(row);
  }
  return { value: { type: 'FeatureCollection', features }, rows, rowsWithoutPoint, problems };
}

/**
 * Rewrites the problems that validation found in a CSV layer's features to name the file's rows:
 * `row 7: …` instead of a feature index alone; drops the "no geometry" problem of rows whose
 * position was already reported.
 */
export function relabelCsvProblems(
  problems: RegionProblem[],
  csv: Pick<CsvLayer, 'rows' | 'rowsWithoutPoint'>,
): RegionProblem[] {
  const out: RegionProblem[] = [];
  for (const p of problems) {
    if (p.featureIndex === undefined || p.message.startsWith('row ')) {
      out.push(p);
      continue;
    }
    if (p.code === 'geometry-type' && csv.rowsWithoutPoint.has(p.featureIndex)) continue;
    out.push({ ...p, message: `row ${csv.rows[p.featureIndex]}: ${p.message}` });
  }
  return out;
}
