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
  $t: TypedArrayName | 'ArrayBuffer';
  o: number;
  n: number;
}

/** Serialises a model into one ArrayBuffer (see the module comment for the layout). */
export function serializeRegionModel(model: RegionModel): ArrayBuffer {
  const sections: { bytes: Uint8Array; offset: number }[] = [];
  let binaryBytes = 0;
  const json = JSON.stringify(model, function replacer(this: unknown, _key, value: unknown) {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      const bytes =
        value instanceof ArrayBuffer
          ? new Uint8Array(value)
          : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      const offset = binaryBytes;
      sections.push({ bytes, offset });
      binaryBytes += align8(bytes.byteLength);
      const type = value instanceof ArrayBuffer ? 'ArrayBuffer' : typedArrayName(value);
      const length = value instanceof ArrayBuffer ? value.byteLength : (value as AnyTypedArray).length;
      return { $t: type, o: offset, n: length } satisfies Descriptor;
    }
    return value;
  });
  const jsonBytes = new TextEncoder().encode(json);
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
  const json = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, jsonLength));
  const binaryStart = align8(HEADER_BYTES + jsonLength);
  const revive = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      // Id and name lists are long arrays of strings: only objects inside need a look.
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') value[i] = revive(item);
      }
      return value;
    }
    if ('$t' in value && 'o' in value && 'n' in value) {
      const d = value as Descriptor;
      const start = binaryStart + d.o;
      if (d.$t === 'ArrayBuffer') return buffer.slice(start, start + d.n);
      const Type = TYPED_ARRAYS[d.$t];
      if (!Type) throw new Error(`model buffer names unknown array type ${String(d.$t)}`);
      return new Type(buffer as ArrayBuffer, start, d.n);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = revive(record[key]);
    return record;
  };
  // A plain parse and one walk: a JSON.parse reviver would be called for every one of the
  // hundreds of thousands of id and name strings (several times slower; bench/model-transfer-100k).
  return revive(JSON.parse(json)) as RegionModel;
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
