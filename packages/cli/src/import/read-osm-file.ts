import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OsmCollector, OsmRelationMember } from '@regiontwin/core';
import { OSMTransform } from 'osm-pbf-parser-node';
import { SaxesParser } from 'saxes';
import { UserError } from '../user-error.js';

/** The OSM file formats `regiontwin import osm` reads. */
export type OsmFileFormat = 'pbf' | 'xml' | 'overpass-json';

/** Largest Overpass JSON accepted (it is parsed whole, unlike PBF and XML, which stream). */
export const MAX_OVERPASS_JSON_BYTES = 400 * 1024 * 1024;

/**
 * Tells the format from the file's first bytes (so that a misnamed file still reads): `<` after
 * optional whitespace or a BOM is OSM XML, `{` is Overpass JSON, and a PBF starts with a 4-byte
 * big-endian header length followed by a BlobHeader whose first field is the string `OSMHeader`.
 *
 * @throws {UserError} when the file is missing or none of the three.
 */
export async function detectOsmFormat(path: string): Promise<OsmFileFormat> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      head = Buffer.alloc(64);
      const { bytesRead } = await handle.read(head, 0, 64, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? error})`}`);
  }
  if (head.includes(Buffer.from('OSMHeader'))) return 'pbf';
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) return 'xml';
  if (text.startsWith('{')) return 'overpass-json';
  throw new UserError(`${path}: is not an OSM file (expected .osm.pbf, OSM XML or Overpass JSON)`);
}

/** Called with bytes read so far and the file size. */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * What one read of a PBF file learnt about its blocks, so that a second read for multipolygon
 * members (see OsmCollector.startMemberPass) can skip the blocks that hold no way: `blockHasWays[i]`
 * is whether the file's i-th blob (0 = the OSMHeader) held a way. Pass the same object to both reads.
 */
export interface OsmReadState {
  blockHasWays?: boolean[];
}

/**
 * Streams an OSM file into a collector: PBF through osm-pbf-parser-node (blocks decoded one at a
 * time), XML through the saxes streaming parser, Overpass JSON parsed whole (at most
 * {@link MAX_OVERPASS_JSON_BYTES}). Memory is what the collector keeps, not the file's size.
 * With a `state` filled by an earlier read of the same PBF, only the blocks holding ways are read
 * (nodes make up most of a file: a member pass then costs a fraction of the first).
 *
 * @throws {UserError} naming the file and the reason when the content is not valid.
 */
export async function readOsmFile(
  path: string,
  collector: OsmCollector,
  onProgress: ReadProgress = () => {},
  state: OsmReadState = {},
): Promise<OsmFileFormat> {
  const format = await detectOsmFormat(path);
  const totalBytes = (await stat(path)).size;
  if (format === 'overpass-json') {
    if (totalBytes > MAX_OVERPASS_JSON_BYTES) {
      throw new UserError(
        `${path}: Overpass JSON of ${Math.round(totalBytes / 1048576)} MiB is too large to read whole; export the area as .osm.pbf instead`,
      );
    }
    readOverpassJson(path, await readFile(path, 'utf8'), collector);
    onProgress(totalBytes, totalBytes);
    return format;
  }
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      bytesRead += chunk.length;
      onProgress(bytesRead, totalBytes);
      next(null, chunk);
    },
  });
  try {
    if (format === 'pbf') {
      const known = state.blockHasWays;
      const seenBlocks: boolean[] = [];
      await pipeline(
        known ? Readable.from(readPbfBlobs(path, (i) => known[i] === true)) : createReadStream(path),
        counter,
        new CheckedOsmTransform({ withTags: true, withInfo: false }),
        new Writable({
          objectMode: true,
          write(items: PbfItem[], _encoding, next) {
            try {
              let hasWays = false;
              for (const item of items) {
                if (item.type === 'way') hasWays = true;
                addPbfItem(item, collector);
              }
              seenBlocks.push(hasWays);
              next();
            } catch (error) {
              next(error as Error);
            }
          },
        }),
      );
      // osm-pbf-parser-node hands out one array per blob, the OSMHeader's included.
      if (!known) state.blockHasWays = seenBlocks;
      else onProgress(totalBytes, totalBytes); // the skipped blocks count as read
    } else {
      const parser = createXmlReader(collector);
      await pipeline(
        createReadStream(path, { encoding: 'utf8' }),
        counter,
        new Writable({
          decodeStrings: false,
          write(chunk: string, _encoding, next) {
            try {
              parser.write(chunk);
              next();
            } catch (error) {
              next(error as Error);
            }
          },
          final(done) {
            try {
              parser.close();
              done();
            } catch (error) {
              done(error as Error);
            }
          },
        }),
      );
    }
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${path}: ${error.message}`, error.details);
    const message = error instanceof Error ? error.message : String(error);
    const zlib = String((error as { code?: unknown }).code ?? '').startsWith('Z_');
    const reason = zlib ? `a compressed block is damaged: ${message}` : message;
    throw new UserError(`${path}: cannot be read as ${format === 'pbf' ? 'OSM PBF' : 'OSM XML'} (${reason})`);
  }
  return format;
}

/**
 * The largest blob the PBF format allows (OSM-binary: BlobHeader ≤ 64 KiB, Blob ≤ 32 MiB). A
 * damaged length field beyond it would make the parser wait for (and buffer) the rest of the file.
 */
const MAX_PBF_BLOB_BYTES = 32 * 1024 * 1024;

/**
 * osm-pbf-parser-node's transform with its errors delivered as stream errors: it inflates and
 * asserts synchronously inside `_transform`/`_flush`, where a throw (a damaged zlib block) would
 * escape the stream as an uncaught exception and end the process. Also refuses a block length
 * beyond the format's limit at once.
 */
class CheckedOsmTransform extends OSMTransform {
  override _transform(chunk: Buffer, encoding: BufferEncoding, next: (error?: Error | null) => void): void {
    try {
      super._transform(chunk, encoding, (error?: Error | null) => {
        const needed = (this as unknown as { needed: number }).needed;
        if (!error && needed > MAX_PBF_BLOB_BYTES) {
          next(new Error(`a block claims ${needed} bytes, more than the format's 32 MiB: the file is damaged`));
        } else next(error);
      });
    } catch (error) {
      next(error as Error);
    }
  }

  override _flush(done: (error?: Error | null) => void): void {
    // The parser's own check at the end is a bare "input format error": say what it means.
    const state = this as unknown as { buffer: Buffer | null; offset: number; status: number };
    if (state.status !== 0 || (state.buffer !== null && state.buffer.length !== state.offset)) {
      done(new Error('the file ends in the middle of a block, so it is truncated; download or export it again'));
      return;
    }
    try {
      super._flush(done);
    } catch (error) {
      done(error as Error);
    }
  }
}

/**
 * The blobs of a PBF file whose index passes `keep`, each with its framing (4-byte length,
 * BlobHeader, Blob) so that the PBF parser reads them as a file: the others are skipped by their
 * declared sizes without being read or inflated.
 */
async function* readPbfBlobs(path: string, keep: (index: number) => boolean): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const lengthBytes = Buffer.alloc(4);
    for (let position = 0, index = 0; position < size; index++) {
      await handle.read(lengthBytes, 0, 4, position);
      const headerLength = lengthBytes.readUInt32BE(0);
      if (headerLength > 64 * 1024) throw new Error(`a block header claims ${headerLength} bytes: the file is damaged`);
      const header = Buffer.alloc(headerLength);
      await handle.read(header, 0, headerLength, position + 4);
      const total = 4 + headerLength + blobHeaderDatasize(header);
      if (total - 4 - headerLength > MAX_PBF_BLOB_BYTES || position + total > size) {
        throw new Error("a block runs past the end of the file or the format's 32 MiB: the file is damaged");
      }
      if (keep(index)) {
        const blob = Buffer.alloc(total);
        await handle.read(blob, 0, total, position);
        yield blob;
      }
      position += total;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The `datasize` (field 3, a varint) of an OSM-binary BlobHeader message; fields 1 (`type`) and 2
 * (`indexdata`) are length-delimited and skipped.
 */
function blobHeaderDatasize(header: Buffer): number {
  let pos = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= header.length) break;
      const byte = header[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Error('a block header is damaged');
  };
  while (pos < header.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) {
      const value = varint();
      if (field === 3) return value;
    } else if (wire === 2) {
      const length = varint(); // read first: `pos += varint()` would add to the old pos
      pos += length;
    } else throw new Error('a block header is damaged');
  }
  throw new Error('a block header has no data size');
}

/** One item of osm-pbf-parser-node's output (the header block has no `type`). */
interface PbfItem {
  type?: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  refs?: number[];
  tags?: Record<string, string>;
  /** Relations: `type` is undefined when the file's member type code is not 0–2. */
  members?: { type?: string; ref: number; role?: string }[];
}

/** The member types OSM knows. */
const MEMBER_TYPES: ReadonlySet<string> = new Set(['node', 'way', 'relation']);

function addPbfItem(item: PbfItem, collector: OsmCollector): void {
  if (item.type === 'node') collector.addNode(item.id, item.lon!, item.lat!, item.tags);
  else if (item.type === 'way') collector.addWay(item.id, item.refs ?? [], item.tags);
  else if (item.type === 'relation') {
    const members = (item.members ?? []).map((member, index): OsmRelationMember => {
      if (member.type === undefined || !MEMBER_TYPES.has(member.type) || !Number.isSafeInteger(member.ref)) {
        throw new UserError(`relation ${item.id}: member ${index + 1} has an unknown type or no whole-number ref`);
      }
      return { type: member.type as OsmRelationMember['type'], ref: member.ref, role: member.role ?? '' };
    });
    collector.addRelation(item.id, item.tags, members);
  }
}

/**
 * A saxes parser that feeds `<node>`, `<way>` and `<relation>` elements with their tags, a way's
 * `<nd>` and a relation's `<member>` elements into the collector.
 */
function createXmlReader(collector: OsmCollector): SaxesParser {
  const parser = new SaxesParser({ position: true });
  let current:
    | {
        type: string;
        id: number;
        lon: number;
        lat: number;
        refs: number[];
        members: OsmRelationMember[];
        tags?: Record<string, string>;
      }
    | undefined;
  const fail = (message: string): never => {
    throw new UserError(`line ${parser.line}: ${message}`);
  };
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'node':
      case 'way':
      case 'relation': {
        const id = Number(a.id);
        if (!Number.isSafeInteger(id)) fail(`<${tag.name}> has no whole-number id (id="${a.id ?? ''}")`);
        const lon = Number(a.lon);
        const lat = Number(a.lat);
        if (tag.name === 'node' && !(Number.isFinite(lon) && Number.isFinite(lat))) {
          fail(`<node id="${a.id}"> has no numeric lon/lat`);
        }
        current = { type: tag.name, id, lon, lat, refs: [], members: [] };
        break;
      }
      case 'nd': {
        const ref = Number(a.ref);
        if (!current || !Number.isSafeInteger(ref)) fail(`<nd> outside a <way> or without a whole-number ref`);
        current!.refs.push(ref);
        break;
      }
      case 'member': {
        if (current?.type !== 'relation') fail(`<member> outside a <relation>`);
        const ref = Number(a.ref);
        if (a.ref === undefined || a.ref.trim() === '' || !Number.isSafeInteger(ref)) {
          fail(`<member> of relation ${current!.id} has no whole-number ref (ref="${a.ref ?? ''}")`);
        }
        if (!MEMBER_TYPES.has(a.type)) {
          fail(`<member> of relation ${current!.id} has type="${a.type ?? ''}" (node, way or relation)`);
        }
        current!.members.push({ type: a.type as OsmRelationMember['type'], ref, role: a.role ?? '' });
        break;
      }
      case 'tag':
        if (current && a.k !== undefined) (current.tags ??= {})[a.k] = a.v ?? '';
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (!current || tag.name !== current.type) return;
    if (current.type === 'node') collector.addNode(current.id, current.lon, current.lat, current.tags);
    else if (current.type === 'way') collector.addWay(current.id, current.refs, current.tags);
    else collector.addRelation(current.id, current.tags, current.members);
    current = undefined;
  });
  parser.on('error', (error) => {
    throw new UserError(`is not well-formed XML (${error.message})`);
  });
  return parser;
}

/**
 * Reads Overpass API JSON (`[out:json]`): `elements` with `type` node (`lat`, `lon`), way
 * (`nodes`) or relation (`members` of `{type, ref, role}`; none when absent, as with `out tags`).
 * Ways need their nodes in the same answer (`out body; >; out skel qt;`).
 */
export function readOverpassJson(file: string, text: string, collector: OsmCollector): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: is not valid JSON (${(error as Error).message})`);
  }
  const elements = (doc as { elements?: unknown })?.elements;
  if (!Array.isArray(elements)) {
    throw new UserError(`${file}: is not Overpass JSON (no "elements" array; query with [out:json])`);
  }
  // Overpass lists nodes after the ways that use them (`out body; >; out skel qt;`): nodes first,
  // then relations, so that the collector knows multipolygon members when their ways come (the
  // whole answer is in memory anyway: no second pass is needed for them).
  const typeOf = (e: unknown) => (e as { type?: unknown })?.type;
  const nodes = elements.filter((e) => typeOf(e) === 'node');
  const relations = elements.filter((e) => typeOf(e) === 'relation');
  const others = elements.filter((e) => typeOf(e) !== 'node' && typeOf(e) !== 'relation');
  [...nodes, ...relations, ...others].forEach((element) => {
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
      throw new UserError(`${file}: elements[${elements.indexOf(element)}] is not an object`);
    }
    const e = element as {
      type?: unknown;
      id?: unknown;
      lat?: unknown;
      lon?: unknown;
      nodes?: unknown;
      members?: unknown;
      tags?: unknown;
    };
    const where = `${file}: element ${describeElement(e)}`;
    if (!Number.isSafeInteger(e.id)) throw new UserError(`${where}: "id" must be a whole number`);
    const tags = readOverpassTags(e.tags);
    if (e.type === 'node') {
      if (!Number.isFinite(e.lon) || !Number.isFinite(e.lat)) {
        throw new UserError(`${where}: needs numeric "lat" and "lon"`);
      }
      const [lon, lat] = [e.lon as number, e.lat as number];
      collector.addNode(e.id as number, lon, lat, tags);
    } else if (e.type === 'way') {
      if (!Array.isArray(e.nodes) || !e.nodes.every(Number.isSafeInteger)) {
        throw new UserError(`${where}: needs a "nodes" array of node ids (query with "out body;", not "out geom;")`);
      }
      collector.addWay(e.id as number, e.nodes as number[], tags);
    } else if (e.type === 'relation') {
      collector.addRelation(e.id as number, tags, readOverpassMembers(where, e.members));
    } else throw new UserError(`${where}: unknown "type" (node, way or relation)`);
  });
}

/** Overpass relation members, checked: each `{type, ref, role}` (role may be left out: `''`). */
function readOverpassMembers(where: string, value: unknown): OsmRelationMember[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new UserError(`${where}: "members" must be an array`);
  return value.map((member: unknown, index): OsmRelationMember => {
    const m = (member ?? {}) as { type?: unknown; ref?: unknown; role?: unknown };
    if (typeof m.type !== 'string' || !MEMBER_TYPES.has(m.type) || !Number.isSafeInteger(m.ref)) {
      throw new UserError(`${where}: members[${index}] needs "type" (node, way or relation) and a whole-number "ref"`);
    }
    if (m.role !== undefined && typeof m.role !== 'string') {
      throw new UserError(`${where}: members[${index}] has a "role" that is not text`);
    }
    return { type: m.type as OsmRelationMember['type'], ref: m.ref as number, role: m.role ?? '' };
  });
}

/** Overpass tags as strings: numbers and booleans written as text, anything else left out. */
function readOverpassTags(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const tags: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') tags[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') tags[key] = String(v);
  }
  return tags;
}

function describeElement(e: { type?: unknown; id?: unknown }): string {
  return `${typeof e.type === 'string' ? e.type : '?'} ${typeof e.id === 'number' ? e.id : '?'}`;
}
