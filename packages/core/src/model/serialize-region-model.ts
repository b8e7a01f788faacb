import { REGION_MODEL_VERSION, type RegionModel } from './region-model.js';

/**
 * One versioned ArrayBuffer for a whole RegionModel, so it can be transferred to a worker in one
 * move, cached on disk or shipped to a browser, and loaded without rebuilding.
 *
 * Layout (little-endian): magic "RTWN" (4 bytes) · format version u32 · JSON length u32 ·
 * 4 bytes padding · UTF-8 JSON of the model with each typed array / ArrayBuffer replaced by a
 * `{ "$t": type, "o": byteOffset, "n": length }` descriptor · padding to 8 · the binary sections,
 * each 8-byte aligned. Deserialising makes typed-array views over the same buffer (no copy);
 * ArrayBuffer members (spatial indexes) are sliced out as their own buffers.
 *
 * Long lists of strings (the ids and names of 100,000 settlements) are their own binary section of
 * UTF-8 JSON (`{ "$t": "Strings", "o", "n": bytes }`) and are parsed on first use: a worker that
 * receives a model to compute indicators never pays for names it does not read (about 3/4 of
 * the deserialising time of a 100k-settlement model; bench/model-transfer-100k).
 */

const MAGIC = 0x4e575452; // "RTWN" read as little-endian u32
const HEADER_BYTES = 16;

const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Uint16Array,
  Uint8Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

interface Descriptor {
  $t: TypedArrayName | 'ArrayBuffer' | 'Strings';
  o: number;
  n: number;
}

/** Lists of strings at least this long get a lazily parsed section of their own. */
const LAZY_STRINGS_MIN_LENGTH = 256;

/** An ArrayBuffer or a SharedArrayBuffer (a model read from shared memory has indexes of the latter). */
function isBufferLike(value: unknown): value is ArrayBuffer | SharedArrayBuffer {
  return (
    value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  );
}

function isLongStringList(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length < LAZY_STRINGS_MIN_LENGTH) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

/** UTF-8 text of `length` bytes at `start` (copied first from shared memory, which browsers' TextDecoder refuses). */
function decodeUtf8(buffer: ArrayBuffer | SharedArrayBuffer, start: number, length: number): string {
  const view = new Uint8Array(buffer, start, length);
  return new TextDecoder().decode(buffer instanceof ArrayBuffer ? view : view.slice());
}

/** Serialises a model into one ArrayBuffer (see the module comment for the layout). */
export function serializeRegionModel(model: RegionModel): ArrayBuffer {
  const sections: { bytes: Uint8Array; offset: number }[] = [];
  let binaryBytes = 0;
  const encoder = new TextEncoder();
  const addSection = (bytes: Uint8Array): number => {
    const offset = binaryBytes;
    sections.push({ bytes, offset });
    binaryBytes += align8(bytes.byteLength);
    return offset;
  };
  const json = JSON.stringify(model, function replacer(this: unknown, _key, value: unknown) {
    if (isBufferLike(value)) {
      return { $t: 'ArrayBuffer', o: addSection(new Uint8Array(value)), n: value.byteLength } satisfies Descriptor;
    }
    if (ArrayBuffer.isView(value)) {
      const offset = addSection(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return { $t: typedArrayName(value), o: offset, n: (value as AnyTypedArray).length } satisfies Descriptor;
    }
    if (isLongStringList(value)) {
      const bytes = encoder.encode(JSON.stringify(value));
      return { $t: 'Strings', o: addSection(bytes), n: bytes.byteLength } satisfies Descriptor;
    }
    return value;
  });
  const jsonBytes = encoder.encode(json);
  const binaryStart = align8(HEADER_BYTES + jsonBytes.byteLength);
  const buffer = new ArrayBuffer(binaryStart + binaryBytes);
  const header = new DataView(buffer);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, REGION_MODEL_VERSION, true);
  header.setUint32(8, jsonBytes.byteLength, true);
  const all = new Uint8Array(buffer);
  all.set(jsonBytes, HEADER_BYTES);
  for (const { bytes, offset } of sections) all.set(bytes, binaryStart + offset);
  return buffer;
}

/**
 * Reads a buffer written by {@link serializeRegionModel}. Typed arrays are views over `buffer`,
 * so the buffer must not be modified afterwards.
 * @throws Error when the buffer is not a model or has another format version.
 */
export function deserializeRegionModel(buffer: ArrayBuffer | SharedArrayBuffer): RegionModel {
  if (buffer.byteLength < HEADER_BYTES) throw new Error('not a regiontwin model buffer (too short)');
  const header = new DataView(buffer);
  if (header.getUint32(0, true) !== MAGIC) throw new Error('not a regiontwin model buffer (bad magic)');
  const version = header.getUint32(4, true);
  if (version !== REGION_MODEL_VERSION) {
    throw new Error(`model buffer has format version ${version}; this build reads version ${REGION_MODEL_VERSION}`);
  }
  const jsonLength = header.getUint32(8, true);
  const json = decodeUtf8(buffer, HEADER_BYTES, jsonLength);
  const binaryStart = align8(HEADER_BYTES + jsonLength);
  const isDescriptor = (value: object): value is Descriptor => '$t' in value && 'o' in value && 'n' in value;
  const readStrings = (d: Descriptor): string[] => JSON.parse(decodeUtf8(buffer, binaryStart + d.o, d.n)) as string[];
  const revive = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      // Short id and name lists stay inline: only objects inside need a look.
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') value[i] = revive(item);
      }
      return value;
    }
    if (isDescriptor(value)) {
      const start = binaryStart + value.o;
      if (value.$t === 'ArrayBuffer') return buffer.slice(start, start + value.n);
      if (value.$t === 'Strings') return readStrings(value);
      const Type = TYPED_ARRAYS[value.$t];
      if (!Type) throw new Error(`model buffer names unknown array type ${String(value.$t)}`);
      return new Type(buffer as ArrayBuffer, start, value.n);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const member = record[key];
      if (member !== null && typeof member === 'object' && isDescriptor(member) && member.$t === 'Strings') {
        defineLazyStrings(record, key, () => readStrings(member));
      } else record[key] = revive(member);
    }
    return record;
  };
  // A plain parse and one walk: a JSON.parse reviver would be called for every one of the
  // hundreds of thousands of id and name strings (several times slower; bench/model-transfer-100k).
  return revive(JSON.parse(json)) as RegionModel;
}

/**
 * Makes `record[key]` a list parsed on first read. It stays an ordinary enumerable data property
 * to every reader (spread, `structuredClone`, `JSON.stringify` read it through the getter), and
 * becomes a plain value once read or assigned.
 */
function defineLazyStrings(record: Record<string, unknown>, key: string, parse: () => string[]): void {
  Object.defineProperty(record, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = parse();
      Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(value: unknown) {
      Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/**
 * Every distinct ArrayBuffer under a model's typed arrays, for `postMessage(…, transfer)` or
 * comlink's `transfer()`. Prefer sending {@link serializeRegionModel}'s single buffer.
 */
export function listTransferables(model: RegionModel): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const visit = (value: unknown): void => {
    if (value instanceof ArrayBuffer) seen.add(value);
    else if (ArrayBuffer.isView(value)) {
      if (value.buffer instanceof ArrayBuffer) seen.add(value.buffer);
    } else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v);
  };
  visit(model);
  return [...seen];
}

function typedArrayName(value: ArrayBufferView): TypedArrayName {
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) {
    if (value instanceof TYPED_ARRAYS[name]) return name;
  }
  throw new Error(`cannot serialise a ${Object.prototype.toString.call(value)}`);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
