/**
 * osm-import: `regiontwin import osm`'s work (stream the PBF into the collector, build the region
 * clipped to the districts, format the layer files) on a seeded synthetic extract: a road grid of
 * R × R nodes (row and column ways, split at every crossing) and B rectangular buildings, over four
 * districts covering the middle of the area (so roads are clipped and buildings left out).
 * Baseline: decoding the same PBF with osm-pbf-parser-node alone, counting elements — the floor any
 * importer pays. Also reports peak memory (max RSS over the import) per node of the file.
 *
 * Needs osmium-tool (Debian: apt-get install -y osmium-tool) to turn the generated XML into PBF.
 * Size: OSM_BENCH_NODES (default 1,000,000 nodes).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FeatureCollection } from 'geojson';
import { buildOsmRegion, createOsmCollector } from '../packages/core/src/index.js';
import { readOsmFile } from '../packages/cli/src/import/read-osm-file.js';
import { formatFeatureCollection } from '../packages/cli/src/import/format-feature-collection.js';
import { REPO_ROOT, logPhase, measureAsync, mulberry32, writeResult } from './harness.js';

// The PBF reader is a dependency of the CLI package, not of the repository root.
const require = createRequire(join(REPO_ROOT, 'packages', 'cli', 'package.json'));
const { OSMTransform } = (await import(
  pathToFileURL(require.resolve('osm-pbf-parser-node')).href
)) as typeof import('osm-pbf-parser-node');

const targetNodes = Number(process.env.OSM_BENCH_NODES ?? 1_000_000);
// A fifth of the nodes in the road grid, the rest in buildings (4 nodes each): building-heavy, like real extracts.
const gridSide = Math.max(10, Math.round(Math.sqrt(targetNodes / 5)));
const buildingCount = Math.round((targetNodes - gridSide * gridSide) / 4);
const scratch = join(REPO_ROOT, 'bench', '.scratch');
mkdirSync(scratch, { recursive: true });
const xmlPath = join(scratch, `osm-import-${targetNodes}.osm`);
const pbfPath = join(scratch, `osm-import-${targetNodes}.osm.pbf`);

/** Writes the synthetic extract as OSM XML, streamed in 1 MiB chunks (seeded: the same bytes every run). */
function writeSyntheticXml(): void {
  const random = mulberry32(7);
  const fd = openSync(xmlPath, 'w');
  let buffer = '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="regiontwin bench">\n';
  const flush = (force = false) => {
    if (buffer.length > 1 << 20 || force) {
      writeSync(fd, buffer);
      buffer = '';
    }
  };
  const step = 2 / gridSide; // the grid spans 63–65 °E, 52–54 °N
  for (let r = 0; r < gridSide; r++) {
    for (let c = 0; c < gridSide; c++) {
      buffer += `<node id="${r * gridSide + c + 1}" lat="${(52 + r * step).toFixed(7)}" lon="${(63 + c * step).toFixed(7)}"/>\n`;
      flush();
    }
  }
  let id = gridSide * gridSide;
  const size = step / 4;
  for (let b = 0; b < buildingCount; b++) {
    const lon = 63 + random() * (2 - size);
    const lat = 52 + random() * (2 - size);
    for (const [dx, dy] of [
      [0, 0],
      [size, 0],
      [size, size],
      [0, size],
    ]) {
      buffer += `<node id="${++id}" lat="${(lat + dy).toFixed(7)}" lon="${(lon + dx).toFixed(7)}"/>\n`;
    }
    flush();
  }
  let way = 0;
  for (let r = 0; r < gridSide; r++) {
    buffer += `<way id="${++way}">`;
    for (let c = 0; c < gridSide; c++) buffer += `<nd ref="${r * gridSide + c + 1}"/>`;
    buffer += `<tag k="highway" v="${r % 10 === 0 ? 'primary' : 'residential'}"/><tag k="maxspeed" v="${r % 10 === 0 ? '90' : '60'}"/></way>\n`;
    flush();
  }
  for (let c = 0; c < gridSide; c++) {
    buffer += `<way id="${++way}">`;
    for (let r = 0; r < gridSide; r++) buffer += `<nd ref="${r * gridSide + c + 1}"/>`;
    buffer += `<tag k="highway" v="${c % 2 === 0 ? 'tertiary' : 'service'}"/>${c % 7 === 0 ? '<tag k="oneway" v="yes"/>' : ''}</way>\n`;
    flush();
  }
  let node = gridSide * gridSide;
  for (let b = 0; b < buildingCount; b++) {
    const n = node;
    node += 4;
    buffer += `<way id="${++way}"><nd ref="${n + 1}"/><nd ref="${n + 2}"/><nd ref="${n + 3}"/><nd ref="${n + 4}"/><nd ref="${n + 1}"/><tag k="building" v="yes"/><tag k="building:levels" v="${1 + (b % 5)}"/></way>\n`;
    flush();
  }
  buffer += '</osm>\n';
  flush(true);
  closeSync(fd);
}

/** Four districts, 63.2–64.8 °E × 52.2–53.8 °N split in quadrants. */
const boundary: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    [63.2, 52.2, 64.0, 53.0],
    [64.0, 52.2, 64.8, 53.0],
    [63.2, 53.0, 64.0, 53.8],
    [64.0, 53.0, 64.8, 53.8],
  ].map(([w, s, e, n], i) => ({
    type: 'Feature',
    properties: { id: `D${i + 1}` },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  })),
};

writeSyntheticXml();
const osmium = spawnSync('osmium', ['cat', '--no-progress', '--overwrite', xmlPath, '-o', pbfPath], {
  stdio: 'inherit',
});
if (osmium.status !== 0) {
  console.error('osm-import: osmium-tool is needed to make the PBF (apt-get install -y osmium-tool)');
  process.exit(1);
}
const pbfBytes = statSync(pbfPath).size;

async function decodeOnly(): Promise<number> {
  let items = 0;
  await pipeline(
    createReadStream(pbfPath),
    new OSMTransform({ withTags: true, withInfo: false }),
    new Writable({
      objectMode: true,
      write(batch: unknown[], _encoding, next) {
        items += batch.length;
        next();
      },
    }),
  );
  return items;
}

async function importOnce() {
  const collector = createOsmCollector({ keepBox: [62.7, 51.7, 65.3, 54.3] });
  await readOsmFile(pbfPath, collector);
  const region = buildOsmRegion(collector.finish(), boundary, { regionId: 'bench' });
  let bytes = 0;
  for (const collection of Object.values(region.files)) bytes += formatFeatureCollection(collection).length;
  return { region, bytes };
}

const rssBefore = process.memoryUsage().rss;
// Only the report is kept: the layers are dropped before timing, so later runs do not pay for a
// heap still holding the first one.
const report = (await importOnce()).region.report;
// ru_maxrss is the process's peak resident set, KiB on Linux: the import's high-water mark (the
// XML generation before it streams in 1 MiB chunks, so it stays far below).
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
console.log(
  `  ${report.seen.nodes} nodes, ${report.seen.ways} ways, PBF ${(pbfBytes / 1048576).toFixed(1)} MiB; ` +
    `peak RSS ${(peakRssBytes / 1048576).toFixed(0)} MiB (${(rssBefore / 1048576).toFixed(0)} MiB before)`,
);

const options = { warmup: 1, iterations: 3 };
const baseline = await measureAsync(decodeOnly, options);
const full = await measureAsync(async () => (await importOnce()).bytes, options);
const phases = { decodeOnly: baseline.medianMs };
logPhase('decode only (osm-pbf-parser-node)', baseline);
logPhase('import (read + build + format)', full);

writeResult({
  name: 'osm-import',
  size: `${report.seen.nodes.toLocaleString('en-US')} nodes, ${report.seen.ways.toLocaleString('en-US')} ways (${(pbfBytes / 1048576).toFixed(1)} MiB PBF)`,
  medianMs: full.medianMs,
  medianCpuMs: full.medianCpuMs,
  baseline: { name: 'osm-pbf-parser-node decode only', medianMs: baseline.medianMs },
  ratio: baseline.medianMs / full.medianMs,
  phases,
  details: {
    nodesPerSecond: Math.round(report.seen.nodes / (full.medianMs / 1000)),
    pbfMiBPerSecond: Number((pbfBytes / 1048576 / (full.medianMs / 1000)).toFixed(2)),
    peakRssMiB: Math.round(peakRssBytes / 1048576),
    rssBeforeMiB: Math.round(rssBefore / 1048576),
    peakRssBytesPerNode: Math.round((peakRssBytes - rssBefore) / report.seen.nodes),
    roadFeatures: report.roads.features,
    buildings: report.buildings.imported,
    buildingsOutside: report.buildings.outsideBoundary,
    roadKmOutside: report.roads.outsideKm,
  },
  samplesMs: full.samplesMs,
});

// The generated extract is large (≈ 95 MB of XML per million nodes): do not leave it behind.
rmSync(xmlPath, { force: true });
rmSync(pbfPath, { force: true });
