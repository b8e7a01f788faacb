/**
 * A seeded, SYNTHETIC OpenStreetMap extract shaped like a real regional `.osm.pbf`, for the
 * `osm-import` benchmark: settlements (place=city/town/village/hamlet nodes, most with a
 * population) with jittered street lattices whose streets meet at shared nodes and bend between
 * crossings, roads between settlements, irregular 4–8-vertex buildings scattered around each
 * settlement (about 1 % of them multipolygon relations with untagged outer and inner ways),
 * facilities as nodes and as building areas, and the clutter a real file carries (landuse areas,
 * streams, power lines, footways, crossings, untagged ways and nodes, names and addresses).
 *
 * Element ids are increasing with gaps (edits of one "session" get consecutive ids, sessions jump,
 * node ids beyond 2³² as in today's planet), every element has version, timestamp and changeset
 * (as in Geofabrik's public extracts), so the PBF costs about as many bytes per node as a real
 * one (≈ 8–10 B all in) instead of the 2–3 B of a regular grid.
 *
 * The generator writes OPL (osmium's text format) in three streamed files (nodes, ways,
 * relations, each in id order), then `osmium cat` turns them into one PBF. It needs osmium-tool
 * (Debian: `apt-get install -y osmium-tool`). Everything is drawn from {@link mulberry32}, so the
 * same options give the same bytes; the file header's generator names it synthetic.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './harness.js';

/**
 * Version of the generator's output: part of the cache key, so a change to the generator must
 * bump it (an old cached file would otherwise be measured).
 */
export const SYNTHETIC_OSM_GENERATOR_VERSION = 1;

/** The generator name written into the PBF header (osmium writes its own; this goes in the stats). */
export const SYNTHETIC_OSM_GENERATOR_NAME = `regiontwin synthetic OSM extract v${SYNTHETIC_OSM_GENERATOR_VERSION} (not real data)`;

/**
 * PBF bytes per node of the settlement budget (the generator's own estimate of the nodes each
 * settlement brings), measured on this generator's output; sets how many settlements a target
 * size needs. The file itself comes out at ≈ 8.5–9 bytes per node it really holds.
 */
const PBF_BYTES_PER_NODE_ESTIMATE = 7.2;

/**
 * Nodes per km² of the extract: the area grows with the target size, so the density (and with it
 * the bytes per node) stays the same at every size. ≈ 26 /km² puts 100 MB on ≈ 470,000 km².
 */
const NODES_PER_KM2 = 26;

/** Where the synthetic area is centred, degrees (northern Kazakhstan, like the project's fixtures). */
const CENTER: [number, number] = [66, 51.5];

/** Width ÷ height of the area. */
const ASPECT = 1.5;

/** Options for {@link generateSyntheticOsmExtract}. */
export interface SyntheticOsmExtractOptions {
  /** Size the PBF should have, bytes (reached within ≈ ±10 %). */
  targetBytes: number;
  /** PRNG seed. @default 7 */
  seed?: number;
  /** Folder for the OPL files while the PBF is made (they are removed after). */
  scratchDir: string;
  /** The PBF to write. */
  pbfPath: string;
  /** Multiplies the node budget (the calibration retry uses it). @default 1 */
  budgetFactor?: number;
}

/** What {@link generateSyntheticOsmExtract} produced. */
export interface SyntheticOsmExtract {
  /** {@link SYNTHETIC_OSM_GENERATOR_NAME}. */
  generator: string;
  seed: number;
  targetBytes: number;
  /** Size of the PBF written, bytes. */
  pbfBytes: number;
  nodes: number;
  ways: number;
  relations: number;
  settlements: number;
  buildings: number;
  /** Of {@link buildings}: multipolygon relations (outer + inner untagged ways). */
  multipolygonBuildings: number;
  facilities: number;
  roadWays: number;
  /** The area's extent [west, south, east, north], degrees. */
  bbox: [number, number, number, number];
  /** Width and height of the area, km (the districts of the benchmark are laid out in km). */
  widthKm: number;
  heightKm: number;
  /** Centre of the area, degrees. */
  center: [number, number];
  /** Time to write the OPL files and to convert them to PBF, ms. */
  generateMs: number;
  convertMs: number;
}

const KM_PER_DEGREE_LAT = 110.574;

/** Buffered append-only writer: a string flushed to the file descriptor every MiB. */
class ChunkWriter {
  private buffer = '';
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** OPL escaping of a tag key or value: only letters, digits and a few safe signs pass as they are. */
function escapeOpl(text: string): string {
  return text.replace(/[^A-Za-z0-9:_.\-/]/g, (c) => `%${c.charCodeAt(0).toString(16)}%`);
}

/** Tags as OPL's `T` field (`k=v,k=v`, escaped). */
function tagField(tags: readonly (readonly [string, string])[]): string {
  let out = 'T';
  for (let i = 0; i < tags.length; i++) {
    if (i > 0) out += ',';
    out += `${escapeOpl(tags[i][0])}=${escapeOpl(tags[i][1])}`;
  }
  return out;
}

const SYLLABLES = [
  'ka',
  'ra',
  'su',
  'ak',
  'tal',
  'bek',
  'ozen',
  'zhol',
  'ar',
  'ly',
  'tau',
  'kol',
  'sai',
  'bas',
  'en',
  'tob',
  'us',
  'kum',
  'ir',
  'dy',
];
const STREET_WORDS = ['street', 'avenue', 'lane', 'road', 'boulevard'];

/** A settlement of the synthetic extract (km from the area's south-west corner). */
interface Settlement {
  x: number;
  y: number;
  place: 'city' | 'town' | 'village' | 'hamlet';
  population: number;
  radiusKm: number;
  name: string;
}

/**
 * Generates the synthetic extract as a PBF (see the module comment) and returns what it holds.
 *
 * @throws {Error} when osmium-tool is missing or fails.
 */
export function generateSyntheticOsmExtract(options: SyntheticOsmExtractOptions): SyntheticOsmExtract {
  const { targetBytes, seed = 7, scratchDir, pbfPath, budgetFactor = 1 } = options;
  const random = mulberry32(seed);
  const started = performance.now();
  const nodeBudget = (targetBytes / PBF_BYTES_PER_NODE_ESTIMATE) * budgetFactor;
  const areaKm2 = nodeBudget / NODES_PER_KM2;
  const heightKm = Math.sqrt(areaKm2 / ASPECT);
  const widthKm = heightKm * ASPECT;
  const kmPerDegreeLon = 111.32 * Math.cos((CENTER[1] * Math.PI) / 180);
  const west = CENTER[0] - widthKm / 2 / kmPerDegreeLon;
  const south = CENTER[1] - heightKm / 2 / KM_PER_DEGREE_LAT;
  const lonOf = (xKm: number) => (west + xKm / kmPerDegreeLon).toFixed(7);
  const latOf = (yKm: number) => (south + yKm / KM_PER_DEGREE_LAT).toFixed(7);

  mkdirSync(scratchDir, { recursive: true });
  const oplPaths = ['nodes', 'ways', 'relations'].map((kind) => join(scratchDir, `synthetic-${seed}-${kind}.opl`));
  const nodeOut = new ChunkWriter(oplPaths[0]);
  const wayOut = new ChunkWriter(oplPaths[1]);
  const relationOut = new ChunkWriter(oplPaths[2]);

  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (low: number, high: number) => low + random() * (high - low);
  const intBetween = (low: number, high: number) => Math.floor(between(low, high + 1));
  const nameOf = (parts: number) => {
    let name = '';
    for (let i = 0; i < parts; i++) name += pick(SYLLABLES);
    return name[0].toUpperCase() + name.slice(1);
  };

  // Editing sessions: consecutive ids, one changeset and timestamp, then a jump (other edits).
  let nodeId = 100_000;
  let wayId = 10_000;
  let relationId = 1_000;
  let sessionLeft = 0;
  const expectedSessions = Math.max(20, nodeBudget / 1_400);
  let meta = '';
  const newSession = () => {
    sessionLeft = intBetween(5, 400);
    const changeset = intBetween(1_000_000, 160_000_000);
    const timestamp = new Date(Date.UTC(2009, 0, 1) + Math.floor(random() * 16 * 365.25 * 86_400_000));
    meta = ` dV c${changeset} t${timestamp.toISOString().slice(0, 19)}Z`;
    // Jumps spread the ids over today's ranges (nodes to ≈ 1.2e10, beyond 2³²; ways ≈ 1.3e9).
    const spread = (4 * random() * random()) / expectedSessions;
    nodeId += Math.floor(spread * 1.2e10);
    wayId += Math.floor(spread * 1.3e9);
    relationId += Math.floor(spread * 1.8e7);
  };
  // Elements edited again later carry their own changeset and timestamp (drawn from a pool).
  const laterEdits: string[] = [];
  for (let k = 0; k < 8192; k++) {
    const timestamp = new Date(Date.UTC(2012, 0, 1) + Math.floor(random() * 13 * 365.25 * 86_400_000));
    laterEdits.push(` dV c${intBetween(10_000_000, 160_000_000)} t${timestamp.toISOString().slice(0, 19)}Z`);
  }
  /** `v… dV c… t…` of one element: version 1 in its session's changeset, or a later edit. */
  const metaOf = () => {
    if (random() < 0.6) return ` v1${meta}`;
    const version = random() < 0.7 ? intBetween(2, 4) : intBetween(5, 30);
    return ` v${version}${random() < 0.7 ? meta : laterEdits[Math.floor(random() * laterEdits.length)]}`;
  };
  /** Counts one feature against the session (a way with its nodes, or a tagged node). */
  const step = () => {
    if (--sessionLeft <= 0) newSession();
  };

  const counts = {
    nodes: 0,
    ways: 0,
    relations: 0,
    buildings: 0,
    multipolygonBuildings: 0,
    facilities: 0,
    roadWays: 0,
  };
  const addNode = (xKm: number, yKm: number, tags?: readonly (readonly [string, string])[]): number => {
    nodeId += random() < 0.04 ? intBetween(2, 30) : 1;
    counts.nodes++;
    nodeOut.write(`n${nodeId}${metaOf()} ${tags ? tagField(tags) : 'T'} x${lonOf(xKm)} y${latOf(yKm)}\n`);
    return nodeId;
  };
  const addWay = (refs: readonly number[], tags?: readonly (readonly [string, string])[]): number => {
    wayId += random() < 0.05 ? intBetween(2, 20) : 1;
    counts.ways++;
    wayOut.write(`w${wayId}${metaOf()} ${tags ? tagField(tags) : 'T'} N${refs.map((r) => `n${r}`).join(',')}\n`);
    return wayId;
  };
  const addRelation = (members: readonly string[], tags: readonly (readonly [string, string])[]): number => {
    relationId += 1 + (random() < 0.2 ? intBetween(1, 50) : 0);
    counts.relations++;
    relationOut.write(`r${relationId}${metaOf()} ${tagField(tags)} M${members.join(',')}\n`);
    return relationId;
  };
  /** A polyline from (ax, ay) to (bx, by) with intermediate vertices bent off the chord, new nodes. */
  const bentVertices = (
    ax: number,
    ay: number,
    bx: number,
    by: number,
    spacingKm: number,
    bendShare: number,
  ): number[] => {
    const length = Math.hypot(bx - ax, by - ay);
    const inner = Math.max(0, Math.round((length / spacingKm) * between(0.5, 1.5)) - 1);
    const ids: number[] = [];
    const bend = (random() - 0.5) * 2 * bendShare * length;
    const wobble = Math.min(0.004, length * 0.02);
    const nx = -(by - ay) / (length || 1);
    const ny = (bx - ax) / (length || 1);
    for (let k = 1; k <= inner; k++) {
      const t = k / (inner + 1) + (random() - 0.5) * (0.5 / (inner + 1));
      const offset = bend * Math.sin(Math.PI * t) + (random() - 0.5) * wobble;
      ids.push(addNode(ax + (bx - ax) * t + nx * offset, ay + (by - ay) * t + ny * offset));
    }
    return ids;
  };

  // --- Settlements: sizes by a categorical draw, log-uniform populations within the category.
  const settlements: Settlement[] = [];
  let estimatedNodes = 0;
  while (estimatedNodes < nodeBudget * 0.9) {
    const u = random();
    const [place, low, high] =
      u < 0.003
        ? (['city', 100_000, 900_000] as const)
        : u < 0.04
          ? (['town', 5_000, 80_000] as const)
          : u < 0.5
            ? (['village', 200, 4_000] as const)
            : (['hamlet', 10, 200] as const);
    const population = Math.round(Math.exp(between(Math.log(low), Math.log(high))));
    const radiusKm = Math.min(14, 0.28 * Math.sqrt(population / 100));
    const x = between(radiusKm, widthKm - radiusKm);
    const y = between(radiusKm, heightKm - radiusKm);
    settlements.push({ x, y, place, population, radiusKm, name: nameOf(intBetween(2, 3)) });
    // Nodes a settlement brings (buildings ≈ 5.3 each, streets, landuse, roads to neighbours).
    estimatedNodes += buildingsOf(place, population) * 5.6 + (Math.PI * radiusKm * radiusKm) / 0.0033 + 200;
  }

  // --- Roads between settlements: each to its two nearest earlier ones, through a coarse grid.
  const cellKm = 25;
  const grid = new Map<number, number[]>();
  const cellKey = (cx: number, cy: number) => cx * 65_536 + cy;
  const hubs: number[] = []; // the node where each settlement's connecting roads start
  const interurban: [number, number][] = [];
  settlements.forEach((s, i) => {
    const cx = Math.floor(s.x / cellKm);
    const cy = Math.floor(s.y / cellKm);
    const near: [number, number][] = [];
    for (let dx = -2; dx <= 2; dx++) {
      for (let dy = -2; dy <= 2; dy++) {
        for (const j of grid.get(cellKey(cx + dx, cy + dy)) ?? []) {
          near.push([Math.hypot(settlements[j].x - s.x, settlements[j].y - s.y), j]);
        }
      }
    }
    near.sort((a, b) => a[0] - b[0]);
    for (const [, j] of near.slice(0, i % 3 === 0 ? 3 : 2)) interurban.push([i, j]);
    const key = cellKey(cx, cy);
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  });

  newSession();
  for (const s of settlements) {
    hubs.push(generateSettlement(s));
  }
  for (const [i, j] of interurban) {
    const a = settlements[i];
    const b = settlements[j];
    const big = Math.max(rank(a.place), rank(b.place));
    const highway =
      big >= 3
        ? pick(['primary', 'trunk', 'secondary'])
        : big === 2
          ? pick(['secondary', 'tertiary'])
          : pick(['tertiary', 'unclassified', 'unclassified', 'track']);
    generateLongRoad(a.x, a.y, hubs[i], b.x, b.y, hubs[j], highway);
  }
  // Power lines and streams across the area: long untouched-by-the-importer ways with many nodes.
  const clutterLines = Math.round(settlements.length / 8);
  for (let k = 0; k < clutterLines; k++) generateClutterLine();
  // A few orphan untagged nodes (left-overs of deleted ways, as real extracts have).
  for (let k = 0; k < Math.round(settlements.length / 4); k++) {
    addNode(between(0, widthKm), between(0, heightKm));
    step();
  }

  nodeOut.close();
  wayOut.close();
  relationOut.close();
  const generateMs = performance.now() - started;
  const convertStarted = performance.now();
  const temporary = `${pbfPath}.partial.osm.pbf`;
  const osmium = spawnSync(
    'osmium',
    ['cat', '--no-progress', '--overwrite', '-F', 'opl', ...oplPaths, '-o', temporary, '-f', 'pbf'],
    { encoding: 'utf8' },
  );
  for (const path of oplPaths) rmSync(path, { force: true });
  if (osmium.error || osmium.status !== 0) {
    rmSync(temporary, { force: true });
    throw new Error(
      `osmium cat failed (${osmium.error?.message ?? osmium.stderr.trim()}); osmium-tool is needed: apt-get install -y osmium-tool`,
    );
  }
  renameSync(temporary, pbfPath);
  const convertMs = performance.now() - convertStarted;
  return {
    generator: SYNTHETIC_OSM_GENERATOR_NAME,
    seed,
    targetBytes,
    pbfBytes: statSync(pbfPath).size,
    ...counts,
    settlements: settlements.length,
    bbox: [west, south, west + widthKm / kmPerDegreeLon, south + heightKm / KM_PER_DEGREE_LAT],
    widthKm,
    heightKm,
    center: CENTER,
    generateMs,
    convertMs,
  };

  /** Street lattice, buildings, facilities, place node and landuse of one settlement; returns its hub node. */
  function generateSettlement(s: Settlement): number {
    const spacingKm = s.place === 'hamlet' ? 0.12 : s.place === 'village' ? 0.13 : 0.16;
    const angle = random() * Math.PI;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const m = Math.max(1, Math.ceil(s.radiusKm / spacingKm));
    const side = 2 * m + 1;
    // Lattice crossings inside a ragged disc; -1 where there is none.
    const crossing = new Float64Array(side * side).fill(-1);
    const px = new Float64Array(side * side);
    const py = new Float64Array(side * side);
    const ragged = between(0.75, 1.05);
    for (let i = -m; i <= m; i++) {
      for (let j = -m; j <= m; j++) {
        const u = (i + (random() - 0.5) * 0.5) * spacingKm;
        const v = (j + (random() - 0.5) * 0.5) * spacingKm;
        const reach = s.radiusKm * ragged * (0.85 + 0.3 * random());
        if (Math.hypot(u, v) > reach && !(i === 0 && j === 0)) continue;
        const k = (i + m) * side + (j + m);
        px[k] = s.x + u * cos - v * sin;
        py[k] = s.y + u * sin + v * cos;
        const tags: [string, string][] | undefined =
          s.place !== 'hamlet' && random() < 0.04
            ? [['highway', pick(['crossing', 'crossing', 'traffic_signals', 'stop', 'give_way'])]]
            : undefined;
        crossing[k] = addNode(px[k], py[k], tags);
      }
      step();
    }
    const hub = crossing[m * side + m];
    // Streets: rows (fixed j) and columns (fixed i) of the lattice, split into ways of 2–8 blocks.
    for (const along of ['row', 'column'] as const) {
      for (let line = -m; line <= m; line++) {
        let refs: number[] = [];
        let blocks = 0;
        let limit = intBetween(2, 8);
        const main = line === 0;
        const street: [string, string][] = streetTags(s, main, line);
        const flushStreet = () => {
          if (refs.length >= 2) {
            addWay(refs, street);
            counts.roadWays++;
            step();
          }
          refs = [];
          blocks = 0;
          limit = intBetween(2, 8);
        };
        for (let t = -m; t <= m; t++) {
          const k = along === 'row' ? (t + m) * side + (line + m) : (line + m) * side + (t + m);
          if (crossing[k] < 0) {
            flushStreet();
            continue;
          }
          if (refs.length > 0) {
            const prev = along === 'row' ? (t - 1 + m) * side + (line + m) : (line + m) * side + (t - 1 + m);
            refs.push(...bentVertices(px[prev], py[prev], px[k], py[k], 0.035, 0.08));
            blocks++;
          }
          refs.push(crossing[k]);
          if (blocks >= limit) {
            const last = refs[refs.length - 1];
            flushStreet();
            refs.push(last);
          }
        }
        flushStreet();
      }
    }
    // Footways (not routable) through the bigger places.
    if (s.place !== 'hamlet') {
      for (let k = 0; k < Math.round(s.population / 800); k++) {
        const ax = s.x + between(-1, 1) * s.radiusKm * 0.7;
        const ay = s.y + between(-1, 1) * s.radiusKm * 0.7;
        const refs = [addNode(ax, ay)];
        refs.push(...bentVertices(ax, ay, ax + between(-0.4, 0.4), ay + between(-0.4, 0.4), 0.02, 0.2));
        refs.push(addNode(ax + between(-0.4, 0.4), ay + between(-0.4, 0.4)));
        addWay(refs, [['highway', pick(['footway', 'footway', 'path', 'cycleway', 'steps'])]]);
        step();
      }
    }
    // The place node.
    const placeTags: [string, string][] = [
      ['place', s.place],
      ['name', s.name],
    ];
    if (random() < 0.85) placeTags.push(['population', String(s.population)]);
    if (random() < 0.5) placeTags.push(['name:ru', `${s.name}ovka`]);
    if (random() < 0.3) placeTags.push(['name:kk', `${s.name}y`]);
    if (random() < 0.2) placeTags.push(['wikidata', `Q${intBetween(100_000, 99_000_000)}`]);
    addNode(s.x + between(-0.05, 0.05), s.y + between(-0.05, 0.05), placeTags);
    step();
    // Buildings and facilities.
    const buildingCount = buildingsOf(s.place, s.population);
    const orientation = angle;
    for (let b = 0; b < buildingCount; b++) {
      const r = s.radiusKm * Math.sqrt(random()) * (random() < 0.1 ? 1.3 : 1);
      const theta = random() * 2 * Math.PI;
      generateBuilding(s.x + r * Math.cos(theta), s.y + r * Math.sin(theta), orientation, buildingTags(s));
    }
    for (const [tag, value, per] of FACILITY_RATES) {
      if (s.population < per / 4) continue;
      const n = Math.max(
        s.population >= per ? 1 : random() < s.population / per ? 1 : 0,
        Math.round(s.population / per),
      );
      for (let k = 0; k < n; k++) {
        const r = s.radiusKm * Math.sqrt(random()) * 0.9;
        const theta = random() * 2 * Math.PI;
        const tags: [string, string][] = [[tag, value]];
        if (random() < 0.7) tags.push(['name', `${nameOf(2)} ${value.replace('_', ' ')}`]);
        if (tag === 'amenity' && value === 'clinic' && random() < 0.5) tags.push(['healthcare', 'clinic']);
        if (random() < 0.2) tags.push(['opening_hours', 'Mo-Fr 08:00-18:00']);
        counts.facilities++;
        if (random() < 0.45) {
          tags.push(['building', value === 'school' || value === 'hospital' ? value : 'yes']);
          generateBuilding(s.x + r * Math.cos(theta), s.y + r * Math.sin(theta), orientation, tags, 2.5);
        } else {
          addNode(s.x + r * Math.cos(theta), s.y + r * Math.sin(theta), tags);
          step();
        }
      }
    }
    // Shops and other points the importer does not use.
    for (let k = 0; k < Math.round(s.population / 400); k++) {
      const r = s.radiusKm * Math.sqrt(random());
      const theta = random() * 2 * Math.PI;
      addNode(s.x + r * Math.cos(theta), s.y + r * Math.sin(theta), [
        pick([
          ['shop', 'convenience'],
          ['shop', 'supermarket'],
          ['amenity', 'cafe'],
          ['amenity', 'fuel'],
          ['amenity', 'place_of_worship'],
          ['tourism', 'hotel'],
          ['amenity', 'parking'],
        ] as const),
        ['name', nameOf(2)],
      ]);
      step();
    }
    // Landuse: a residential area around the place, farmland next to it.
    generateRing(s.x, s.y, s.radiusKm * 1.1, intBetween(12, 40), [['landuse', 'residential']]);
    for (let k = 0; k < (s.place === 'hamlet' ? 1 : intBetween(1, 3)); k++) {
      const r = s.radiusKm + between(0.5, 2);
      const theta = random() * 2 * Math.PI;
      generateRing(s.x + r * Math.cos(theta), s.y + r * Math.sin(theta), between(0.3, 1.2), intBetween(6, 24), [
        ['landuse', pick(['farmland', 'farmland', 'meadow', 'forest'])],
      ]);
    }
    return hub;
  }

  /** An irregular building: a 4-vertex near-rectangle (most) or a 5–8-vertex outline; ~1 % multipolygons. */
  function generateBuilding(cx: number, cy: number, orientation: number, tags: [string, string][], scale = 1): void {
    counts.buildings++;
    const big = tags.some(([, v]) => v === 'apartments' || v === 'commercial' || v === 'industrial' || v === 'retail');
    const widthKm = (big ? between(0.018, 0.06) : between(0.006, 0.014)) * scale;
    const depthKm = (big ? between(0.012, 0.018) : between(0.005, 0.012)) * scale;
    const turn = orientation + (random() - 0.5) * 0.3;
    if (random() < 0.01) {
      // A multipolygon: an outer ring and a courtyard (inner ring), both untagged ways.
      counts.multipolygonBuildings++;
      const outer = outline(cx, cy, widthKm * 2.2, depthKm * 2.2, turn, intBetween(6, 12));
      const inner = outline(cx, cy, widthKm * 0.8, depthKm * 0.8, turn, intBetween(4, 6));
      const outerWay = addWay(outer);
      const innerWay = addWay(inner);
      addRelation([`w${outerWay}@outer`, `w${innerWay}@inner`], [['type', 'multipolygon'], ...tags]);
      step();
      return;
    }
    const vertices = random() < 0.72 ? 4 : intBetween(5, 8);
    addWay(outline(cx, cy, widthKm, depthKm, turn, vertices), tags);
    step();
  }

  /** A closed ring of new nodes: a jittered rectangle for 4 vertices, a star-shaped outline otherwise. */
  function outline(cx: number, cy: number, widthKm: number, depthKm: number, turn: number, vertices: number): number[] {
    const cos = Math.cos(turn);
    const sin = Math.sin(turn);
    const refs: number[] = [];
    const jitter = 0.0004;
    for (let k = 0; k < vertices; k++) {
      let u: number;
      let v: number;
      if (vertices === 4) {
        u = (k === 1 || k === 2 ? 0.5 : -0.5) * widthKm + (random() - 0.5) * jitter;
        v = (k >= 2 ? 0.5 : -0.5) * depthKm + (random() - 0.5) * jitter;
      } else {
        const a = ((k + 0.2 + random() * 0.6) / vertices) * 2 * Math.PI;
        const reach = between(0.6, 1);
        u = 0.5 * widthKm * reach * Math.cos(a);
        v = 0.5 * depthKm * reach * Math.sin(a);
      }
      refs.push(addNode(cx + u * cos - v * sin, cy + u * sin + v * cos));
    }
    refs.push(refs[0]);
    return refs;
  }

  /** A closed, tagged ring of `vertices` new nodes around (cx, cy) (landuse). */
  function generateRing(cx: number, cy: number, radiusKm: number, vertices: number, tags: [string, string][]): void {
    const refs: number[] = [];
    for (let k = 0; k < vertices; k++) {
      const a = ((k + random() * 0.8) / vertices) * 2 * Math.PI;
      const r = radiusKm * between(0.7, 1.1);
      refs.push(addNode(cx + r * Math.cos(a), cy + r * Math.sin(a)));
    }
    refs.push(refs[0]);
    addWay(refs, tags);
    step();
  }

  /** A road between two settlements' hubs, vertices every ≈ 60–200 m, split into ways of ~40–250 vertices. */
  function generateLongRoad(
    ax: number,
    ay: number,
    fromHub: number,
    bx: number,
    by: number,
    toHub: number,
    highway: string,
  ): void {
    const length = Math.hypot(bx - ax, by - ay);
    if (length < 0.01) return;
    const legs = Math.max(1, Math.round(length / between(2, 6)));
    const tags: [string, string][] = [['highway', highway]];
    if (highway !== 'track' && random() < 0.6) tags.push(['ref', `${pick(['A', 'R', 'KT'])}-${intBetween(1, 400)}`]);
    if (highway !== 'track' && random() < 0.35) tags.push(['maxspeed', pick(['60', '80', '90', '100', '110'])]);
    if (random() < 0.4)
      tags.push([
        'surface',
        highway === 'track' ? pick(['dirt', 'gravel', 'ground']) : pick(['asphalt', 'asphalt', 'concrete', 'gravel']),
      ]);
    if (highway !== 'track' && random() < 0.15) tags.push(['lanes', pick(['2', '2', '4'])]);
    let refs = [fromHub];
    let lx = ax;
    let ly = ay;
    let limit = intBetween(40, 250);
    for (let leg = 1; leg <= legs; leg++) {
      const t = leg / legs;
      const wander = leg === legs ? 0 : length * 0.06;
      const nx = leg === legs ? bx : ax + (bx - ax) * t + (random() - 0.5) * wander;
      const ny = leg === legs ? by : ay + (by - ay) * t + (random() - 0.5) * wander;
      refs.push(...bentVertices(lx, ly, nx, ny, between(0.06, 0.2), 0.05));
      refs.push(leg === legs ? toHub : addNode(nx, ny));
      lx = nx;
      ly = ny;
      if (refs.length >= limit || leg === legs) {
        addWay(refs, tags);
        counts.roadWays++;
        step();
        refs = [refs[refs.length - 1]];
        limit = intBetween(40, 250);
      }
    }
  }

  /** A power line (towers tagged) or a stream wandering across the area. */
  function generateClutterLine(): void {
    const power = random() < 0.4;
    let x = between(0, widthKm);
    let y = between(0, heightKm);
    let heading = random() * 2 * Math.PI;
    const count = intBetween(30, 300);
    const refs: number[] = [];
    for (let k = 0; k < count; k++) {
      refs.push(addNode(x, y, power ? [['power', 'tower']] : undefined));
      const stepKm = power ? between(0.2, 0.35) : between(0.02, 0.12);
      heading += (random() - 0.5) * (power ? 0.1 : 0.8);
      x = Math.min(widthKm, Math.max(0, x + stepKm * Math.cos(heading)));
      y = Math.min(heightKm, Math.max(0, y + stepKm * Math.sin(heading)));
    }
    addWay(
      refs,
      power
        ? [
            ['power', 'line'],
            ['voltage', pick(['110000', '35000', '10000'])],
          ]
        : [['waterway', pick(['stream', 'stream', 'river', 'ditch'])]],
    );
    step();
  }

  /** Street tags: class by place and position, and sometimes name, maxspeed, oneway, surface. */
  function streetTags(s: Settlement, main: boolean, line: number): [string, string][] {
    const highway = main
      ? s.place === 'city'
        ? 'primary'
        : s.place === 'town'
          ? 'secondary'
          : s.place === 'village'
            ? 'tertiary'
            : 'unclassified'
      : s.place === 'city' && line % 6 === 0
        ? 'secondary'
        : s.place !== 'hamlet' && line % 4 === 0
          ? 'tertiary'
          : random() < 0.1
            ? pick(['service', 'living_street', 'unclassified'])
            : 'residential';
    const tags: [string, string][] = [['highway', highway]];
    if (random() < (s.place === 'hamlet' ? 0.2 : 0.65)) tags.push(['name', `${nameOf(2)} ${pick(STREET_WORDS)}`]);
    if (random() < 0.2) tags.push(['maxspeed', pick(['20', '40', '50', '60'])]);
    if ((s.place === 'city' || s.place === 'town') && random() < 0.06) tags.push(['oneway', 'yes']);
    if (random() < 0.3) tags.push(['surface', pick(['asphalt', 'asphalt', 'unpaved', 'gravel', 'paving_stones'])]);
    if (random() < 0.1) tags.push(['lit', 'yes']);
    return tags;
  }

  /** Building tags by place: yes/house/apartments/…, levels on some, an address on some. */
  function buildingTags(s: Settlement): [string, string][] {
    const urban = s.place === 'city' || s.place === 'town';
    const u = random();
    const building = urban
      ? u < 0.4
        ? 'yes'
        : u < 0.6
          ? 'apartments'
          : u < 0.72
            ? 'house'
            : u < 0.8
              ? 'garage'
              : u < 0.88
                ? pick(['commercial', 'retail', 'industrial', 'office'])
                : pick(['residential', 'shed', 'warehouse', 'detached'])
      : u < 0.55
        ? 'yes'
        : u < 0.8
          ? 'house'
          : u < 0.88
            ? pick(['shed', 'garage', 'barn'])
            : pick(['residential', 'detached', 'farm_auxiliary', 'commercial']);
    const tags: [string, string][] = [['building', building]];
    if (random() < 0.28) {
      tags.push(['building:levels', String(building === 'apartments' ? intBetween(4, 16) : intBetween(1, 3))]);
    }
    if (random() < 0.22) {
      tags.push(
        ['addr:street', `${nameOf(2)} ${pick(STREET_WORDS)}`],
        ['addr:housenumber', String(intBetween(1, 180))],
      );
    }
    if (random() < 0.05) tags.push(['roof:shape', pick(['gabled', 'flat', 'hipped'])]);
    return tags;
  }
}

/** Buildings of a settlement by its population (one per household in villages, fewer per person in cities). */
function buildingsOf(place: Settlement['place'], population: number): number {
  const perBuilding = place === 'city' ? 14 : place === 'town' ? 6 : place === 'village' ? 2.6 : 2.2;
  return Math.max(2, Math.round(population / perBuilding));
}

function rank(place: Settlement['place']): number {
  return place === 'city' ? 3 : place === 'town' ? 2 : place === 'village' ? 1 : 0;
}

/** [tag, value, people per facility]: facilities the importer's default table knows. */
const FACILITY_RATES: readonly (readonly [string, string, number])[] = [
  ['amenity', 'school', 1_500],
  ['amenity', 'kindergarten', 1_200],
  ['amenity', 'clinic', 6_000],
  ['amenity', 'doctors', 4_000],
  ['amenity', 'pharmacy', 3_000],
  ['amenity', 'hospital', 40_000],
  ['healthcare', 'centre', 8_000],
  ['education', 'college', 30_000],
  ['amenity', 'library', 8_000],
  ['amenity', 'post_office', 2_500],
  ['amenity', 'police', 20_000],
  ['amenity', 'townhall', 15_000],
  ['office', 'government', 10_000],
  ['amenity', 'bank', 10_000],
  ['amenity', 'community_centre', 3_000],
];

/** Options for {@link cachedSyntheticOsmExtract}. */
export interface CachedSyntheticOsmExtractOptions {
  /** Target PBF size, bytes. */
  targetBytes: number;
  seed?: number;
  /** Cache folder (bench/.scratch). */
  cacheDir: string;
  /** Called with a line of progress (what is generated, how long it took). */
  log?: (line: string) => void;
}

/**
 * The synthetic extract of this size and seed from the cache (`<cacheDir>/osm-synthetic-v<version>-<MB>mb-seed<seed>.osm.pbf`
 * and its `.json` stats), generating it first when missing. When the first try lands outside
 * ±10 % of the target, the node budget is corrected by the measured ratio and it is generated
 * once more.
 */
export function cachedSyntheticOsmExtract(options: CachedSyntheticOsmExtractOptions): {
  pbfPath: string;
  extract: SyntheticOsmExtract;
  cached: boolean;
} {
  const { targetBytes, seed = 7, cacheDir, log = () => {} } = options;
  mkdirSync(cacheDir, { recursive: true });
  const stem = `osm-synthetic-v${SYNTHETIC_OSM_GENERATOR_VERSION}-${Math.round(targetBytes / 1e6)}mb-seed${seed}`;
  const pbfPath = join(cacheDir, `${stem}.osm.pbf`);
  const statsPath = join(cacheDir, `${stem}.json`);
  if (existsSync(pbfPath) && existsSync(statsPath)) {
    const extract = JSON.parse(readFileSync(statsPath, 'utf8')) as SyntheticOsmExtract;
    if (extract.pbfBytes === statSync(pbfPath).size) return { pbfPath, extract, cached: true };
  }
  let budgetFactor = 1;
  let extract: SyntheticOsmExtract | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    extract = generateSyntheticOsmExtract({ targetBytes, seed, scratchDir: cacheDir, pbfPath, budgetFactor });
    log(
      `generated ${stem}: ${(extract.pbfBytes / 1e6).toFixed(1)} MB (target ${(targetBytes / 1e6).toFixed(0)} MB), ` +
        `${extract.nodes.toLocaleString('en-US')} nodes, ${extract.ways.toLocaleString('en-US')} ways, ` +
        `${extract.relations.toLocaleString('en-US')} relations in ${((extract.generateMs + extract.convertMs) / 1000).toFixed(1)} s ` +
        `(OPL ${(extract.generateMs / 1000).toFixed(1)} s, osmium cat ${(extract.convertMs / 1000).toFixed(1)} s)`,
    );
    const off = extract.pbfBytes / targetBytes;
    if (Math.abs(off - 1) <= 0.1) break;
    budgetFactor /= off;
  }
  writeFileSync(statsPath, `${JSON.stringify(extract, null, 2)}\n`);
  return { pbfPath, extract: extract!, cached: false };
}
