import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import {
  createOsmCollector,
  DEFAULT_REGION_LIMITS,
  MAX_STRING_LENGTH,
  formatRegionProblem,
  parseJsonBytes,
  RegionValidationError,
  streamOsmRegion,
  validateLayer,
  type OsmImportReport,
  type OsmRegionSummary,
} from '@regiontwin/core';
import { openOutputDir } from '../atomic-output.js';
import type { CommandContext } from '../command-context.js';
import { formatNumber } from '../format.js';
import { UserError } from '../user-error.js';
import { readOsmFile, type OsmReadState } from './read-osm-file.js';
import { createFeatureCollectionWriter, type FeatureCollectionWriter } from './format-feature-collection.js';

/** Flags of `regiontwin import osm`. */
export interface ImportOsmFlags {
  boundary: string;
  out: string;
  id?: string;
  name?: string;
  districtId?: string;
  districtName?: string;
  facilityKinds?: string;
  dropFragments?: boolean;
  force?: boolean;
  json?: boolean;
}

/**
 * Margin around the boundary's bounding box inside which node coordinates are kept, degrees.
 * Way segments leaving it are cut; 0.5° (≈ 55 km north–south) is longer than any road segment
 * between two OSM nodes, so clipping at the boundary is unaffected.
 */
export const KEEP_BOX_MARGIN_DEGREES = 0.5;

/** Reads and checks the boundary (districts) GeoJSON. @throws {UserError} listing every problem. */
export async function readBoundary(file: string): Promise<FeatureCollection> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`--boundary ${file}: ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`);
  }
  const parsed = parseJsonBytes(bytes, file, 'districts');
  if ('problem' in parsed) throw new UserError(formatRegionProblem(parsed.problem));
  const { collection, problems } = validateLayer(parsed.value, 'districts', { path: file });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !collection) {
    throw new UserError(
      `--boundary ${file}: not a valid districts layer, ${errors.length} problem${errors.length === 1 ? '' : 's'}`,
      errors.map(formatRegionProblem),
    );
  }
  return collection;
}

/** Reads a facility table override file: a JSON object of `"key=value": "kind"` (or null to remove a rule). */
export async function readFacilityKinds(file: string): Promise<Record<string, string | null>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`--facility-kinds ${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`--facility-kinds ${file}: is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`--facility-kinds ${file}: must be a JSON object such as {"amenity=school": "school"}`);
  }
  return value as Record<string, string | null>;
}

/** The bounding box of a FeatureCollection's polygons, [west, south, east, north]. */
export function boundaryBox(collection: FeatureCollection): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1] as number);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of collection.features) visit((f.geometry as { coordinates?: unknown }).coordinates);
  return box;
}

/**
 * `regiontwin import osm <file> --boundary <districts.geojson> --out <dir>`: streams the OSM
 * file, builds the region clipped to the boundary, checks it with the same validation as
 * `regiontwin validate`, and writes region.json, the layers and import-report.json atomically.
 */
export async function importOsmCommand(file: string, flags: ImportOsmFlags, context: CommandContext): Promise<number> {
  const writer = await openOutputDir(flags.out, { force: Boolean(flags.force), markers: ['region.json'] });
  try {
    const boundary = await readBoundary(flags.boundary);
    const facilityKinds = flags.facilityKinds ? await readFacilityKinds(flags.facilityKinds) : undefined;
    const box = boundaryBox(boundary);
    let collector;
    try {
      collector = createOsmCollector({
        facilityKinds,
        keepBox: [
          box[0] - KEEP_BOX_MARGIN_DEGREES,
          box[1] - KEEP_BOX_MARGIN_DEGREES,
          box[2] + KEEP_BOX_MARGIN_DEGREES,
          box[3] + KEEP_BOX_MARGIN_DEGREES,
        ],
      });
    } catch (error) {
      if (error instanceof RangeError) throw new UserError(`--facility-kinds ${flags.facilityKinds}: ${error.message}`);
      throw error;
    }
    const mib = 1024 * 1024;
    const readState: OsmReadState = {};
    const read = async (label: string) => {
      let started = false;
      try {
        return await readOsmFile(
          file,
          collector,
          (bytesRead, totalBytes) => {
            if (!started) {
              context.progress.start(`${label} ${basename(file)} (MiB)`, Math.max(1, Math.ceil(totalBytes / mib)));
              started = true;
            }
            context.progress.update(Math.floor(bytesRead / mib));
          },
          readState,
        );
      } finally {
        context.progress.stop();
      }
    };
    const format = await read('Reading');
    // Multipolygon members are untagged ways listed before their relation: read the ways again for
    // them. Not Overpass JSON: it is read whole with relations before ways, so a second read finds
    // nothing new.
    if (format !== 'overpass-json' && collector.startMemberPass()) await read('Reading multipolygon members of');
    const collection = collector.finish();
    if (collection.seen.nodesAfterWays && collection.seen.waysOutsideKeepBox > 0) {
      throw new UserError(
        `${file}: lists nodes after ways (not sorted by type and id), so ways cannot be placed while reading; sort it first: osmium sort ${basename(file)} -o sorted.osm.pbf`,
      );
    }
    const regionId = flags.id ?? (basename(resolve(flags.out)).replace(/[^A-Za-z0-9._-]+/g, '-') || 'osm-region');
    const layerWriters = new Map<string, FeatureCollectionWriter>();
    let summary: OsmRegionSummary;
    let districtCount = 0;
    let building = false;
    try {
      const stream = streamOsmRegion(collection, boundary, {
        onProgress: (done, total) => {
          if (!building) {
            context.progress.start('Building and writing the region (OSM elements)', Math.max(1, total));
            building = true;
          }
          context.progress.update(done);
        },
        regionId,
        regionName: flags.name,
        boundaryFile: flags.boundary,
        districtId: flags.districtId,
        districtName: flags.districtName,
        dropFragments: Boolean(flags.dropFragments),
        attribution: [`Districts: ${basename(flags.boundary)}`],
      });
      // Each validated chunk goes to its layer file as it comes: no layer is ever held whole.
      for (let step = stream.next(); ; step = stream.next()) {
        if (step.done) {
          summary = step.value;
          break;
        }
        const { layer, path, features } = step.value;
        if (layer === 'districts') districtCount += features.length;
        let layerWriter = layerWriters.get(path);
        if (!layerWriter) {
          layerWriter = createFeatureCollectionWriter(await writer.stageFile(path));
          layerWriters.set(path, layerWriter);
        }
        await layerWriter.add(features);
      }
    } catch (error) {
      if (error instanceof RegionValidationError) {
        const errors = error.problems.filter((p) => p.severity === 'error');
        throw new UserError(errors.map(formatRegionProblem).join('; '));
      }
      throw error;
    } finally {
      context.progress.stop();
    }
    const sizeNotes: string[] = [];
    for (const [path, layerWriter] of layerWriters) {
      const note = limitNote(path, await layerWriter.end());
      if (note) sizeNotes.push(note);
    }
    if (sizeNotes.length > 0) summary.manifest.notes = [...(summary.manifest.notes ?? []), ...sizeNotes];
    await writer.stage('import-report.json', JSON.stringify(summary.report, null, 2) + '\n');
    await writer.stage('region.json', JSON.stringify(summary.manifest, null, 2) + '\n');
    await writer.commit();
    if (flags.json)
      context.out(JSON.stringify({ out: flags.out, manifest: summary.manifest, report: summary.report }, null, 2));
    else for (const line of formatImportSummary(file, flags.out, summary, districtCount, sizeNotes)) context.out(line);
    return 0;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * A note for region.json (and the summary) when a written layer is beyond the loader's default
 * limits, so that `regiontwin validate` would refuse it until the limit is raised: which flag, and
 * to what.
 */
export function limitNote(
  path: string,
  written: { features: number; bytes: number; characters: number },
): string | undefined {
  const mib = 1024 * 1024;
  if (written.characters > MAX_STRING_LENGTH) {
    return `${path} is ${Math.ceil(written.bytes / mib)} MiB: more text than one JavaScript string can hold (about 512 MiB), so no regiontwin command can load it; import a smaller area (district by district, or an extract cut with osmium extract).`;
  }
  const over: string[] = [];
  if (written.bytes > DEFAULT_REGION_LIMITS.maxFileBytes) {
    over.push(
      `${Math.ceil(written.bytes / mib)} MiB, above the default file limit of ${DEFAULT_REGION_LIMITS.maxFileBytes / mib} MiB (--max-file-mb ${Math.ceil(written.bytes / mib)})`,
    );
  }
  if (written.features > DEFAULT_REGION_LIMITS.maxFeatures) {
    over.push(
      `${written.features} features, above the default ${DEFAULT_REGION_LIMITS.maxFeatures} (--max-features ${written.features})`,
    );
  }
  return over.length > 0
    ? `${path} is large: ${over.join('; ')}; pass them to regiontwin validate, run, compare, sweep and synthesize-population.`
    : undefined;
}

/** The summary lines printed after an import; `sizeNotes` are the {@link limitNote}s of its layers. */
export function formatImportSummary(
  file: string,
  out: string,
  region: OsmRegionSummary,
  districts: number,
  sizeNotes: readonly string[] = [],
): string[] {
  const r: OsmImportReport = region.report;
  const kinds = Object.entries(r.facilities.byKind)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${kind} ${formatNumber(n)}`)
    .join(', ');
  const lines = [
    `imported ${file} into ${out}: ${plural(districts, 'district')}, ${plural(r.settlements.imported, 'settlement')}` +
      (r.settlements.withoutPopulation
        ? ` (${formatNumber(r.settlements.withoutPopulation)} without population)`
        : '') +
      `, ${plural(r.facilities.imported, 'facility', 'facilities')}${kinds ? ` (${kinds})` : ''}, ${plural(r.buildings.imported, 'building')}, ` +
      `${plural(r.roads.features, 'road segment')} (${formatNumber(r.roads.km, 1)} km, ${formatNumber(r.roads.oneway)} one-way) in ${plural(r.roads.fragmentCount, 'connected fragment')}`,
    `outside the boundary (left out): ${plural(r.settlements.outsideBoundary, 'settlement')}, ${plural(r.facilities.outsideBoundary, 'facility', 'facilities')}, ${plural(r.buildings.outsideBoundary, 'building')}, ${formatNumber(r.roads.outsideKm, 1)} km of road`,
  ];
  if (r.roads.fragmentCount > 1) {
    const others = r.roads.fragments.slice(1, 4).map((f) => `${f.firstId} ${formatNumber(f.km, 2)} km`);
    lines.push(
      r.roads.droppedFragments > 0
        ? `road fragments: kept the largest (${formatNumber(r.roads.fragments[0].km, 1)} km), dropped ${r.roads.droppedFragments} (${formatNumber(r.roads.droppedFragmentKm, 2)} km)`
        : `road fragments: the largest has ${formatNumber(r.roads.fragments[0].km, 1)} km; ${formatNumber(r.roads.fragmentCount - 1)} smaller ones are not connected to it (${others.join(', ')}${r.roads.fragmentCount > 4 ? ', …' : ''}); --drop-fragments keeps only the largest`,
    );
  }
  if (r.droppedTotal > 0) {
    lines.push(`dropped ${plural(r.droppedTotal, 'feature')} (listed in import-report.json):`);
    for (const d of r.dropped.slice(0, 5)) lines.push(`  ${d.layer} ${d.osmId}: ${d.reason}`);
    if (r.droppedTotal > 5) lines.push(`  … and ${formatNumber(r.droppedTotal - 5)} more`);
  }
  if (r.multipolygons.relations > 0) {
    const m = r.multipolygons;
    lines.push(
      `multipolygon relations: ${plural(m.relations, 'relation')} of interest, ${formatNumber(m.assembled)} assembled inside the boundary (${plural(r.buildings.fromRelations, 'building')}), ${formatNumber(m.outsideBoundary)} outside` +
        (m.failed > 0 ? `, ${formatNumber(m.failed)} that cannot be assembled (listed in import-report.json)` : ''),
    );
  }
  if (r.seen.invalidNodes > 0) {
    lines.push(
      `${plural(r.seen.invalidNodes, 'node')} with coordinates out of range (or not numbers) left out; ways through them are cut there`,
    );
  }
  if (r.roads.missingNodeRefs > 0) {
    lines.push(
      `${formatNumber(r.roads.missingNodeRefs)} road node reference(s) point to nodes missing from the file; the roads are cut there`,
    );
  }
  lines.push(...sizeNotes);
  if (r.settlements.withoutPopulation > 0) {
    lines.push(
      `${formatNumber(r.settlements.withoutPopulation)} settlements have no readable population and count as 0 people: fill them with real figures or \`regiontwin synthesize-population ${out} --total N --out DIR\``,
    );
  }
  return lines;
}

/** `1 building`, `2 buildings` (with thousands separators). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
