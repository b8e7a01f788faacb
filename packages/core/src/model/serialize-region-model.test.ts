import { describe, expect, it } from 'vitest';
import { loadRegionFromObjects } from '../region/load-region.js';
import { generateSyntheticRegion } from '../synthetic/generate-synthetic-region.js';
import { compileRegion } from './compile-region.js';
import type { RegionModel } from './region-model.js';
import { deserializeRegionModel, serializeRegionModel } from './serialize-region-model.js';

/** The model with every (Shared)ArrayBuffer (the spatial indexes) replaced by its bytes, for deep equality. */
function comparable(value: unknown): unknown {
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer)
    return { bytes: Array.from(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) return { type: value.constructor.name, values: Array.from(value as Uint8Array) };
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

async function syntheticModel(): Promise<RegionModel> {
  // Roads, buildings, several facility kinds: every table of the model has content.
  const region = generateSyntheticRegion({ seed: 3, buildings: 40, facilities: { school: 2, clinic: 1 } });
  return compileRegion(await loadRegionFromObjects(region.manifest, region.files));
}

describe('serializeRegionModel / deserializeRegionModel', () => {
  it('round-trips a whole model: every field, typed array (type and values) and index buffer', async () => {
    const model = await syntheticModel();
    expect(model.roads.nodeCount).toBeGreaterThan(0);
    expect(model.buildings.count).toBe(40);
    const back = deserializeRegionModel(serializeRegionModel(model));
    expect(comparable(back)).toEqual(comparable(model));
    // Typed arrays come back as views of the buffer, of the same types.
    expect(back.demand.xy).toBeInstanceOf(Float64Array);
    expect(back.roads.offsets).toBeInstanceOf(Uint32Array);
    expect(back.indexes.demand).toBeInstanceOf(ArrayBuffer);
  });

  it('round-trips from a SharedArrayBuffer copy (as the engine shares it with workers)', async () => {
    const model = await syntheticModel();
    const bytes = new Uint8Array(serializeRegionModel(model));
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    const back = deserializeRegionModel(shared);
    expect(comparable(back)).toEqual(comparable(model));
  });

  it('rejects what is not a model buffer', () => {
    expect(() => deserializeRegionModel(new ArrayBuffer(4))).toThrow(/too short/);
    expect(() => deserializeRegionModel(new ArrayBuffer(64))).toThrow(/bad magic/);
  });
});

describe('long string lists are parsed on first use', () => {
  async function modelWithManySettlements(count: number): Promise<RegionModel> {
    const region = generateSyntheticRegion({ seed: 4, villagesPerDistrict: Math.ceil(count / 4) });
    return compileRegion(await loadRegionFromObjects(region.manifest, region.files));
  }

  it('reads back the same ids and names, lazily, and serialises a lazily read model again', async () => {
    const model = await modelWithManySettlements(600);
    expect(model.demand.count).toBeGreaterThanOrEqual(600);
    const back = deserializeRegionModel(serializeRegionModel(model));
    // Not yet parsed: an accessor until first read.
    expect(typeof Object.getOwnPropertyDescriptor(back.demand, 'ids')?.get).toBe('function');
    expect(back.demand.ids).toEqual(model.demand.ids);
    // Parsed once, then a plain value (the same array on every read).
    expect(Object.getOwnPropertyDescriptor(back.demand, 'ids')?.value).toBe(back.demand.ids);
    // A model read from a buffer serialises to the same bytes, read or unread.
    const again = deserializeRegionModel(serializeRegionModel(model));
    expect(new Uint8Array(serializeRegionModel(again))).toEqual(new Uint8Array(serializeRegionModel(model)));
    expect(comparable(structuredClone(again))).toEqual(comparable(model));
  });

  it('keeps the spatial indexes when a model read from shared memory is serialised again', async () => {
    const model = await syntheticModel();
    const bytes = new Uint8Array(serializeRegionModel(model));
    const shared = new SharedArrayBuffer(bytes.byteLength);
    new Uint8Array(shared).set(bytes);
    const fromShared = deserializeRegionModel(shared);
    expect(fromShared.indexes.demand).toBeInstanceOf(SharedArrayBuffer);
    const again = deserializeRegionModel(serializeRegionModel(fromShared));
    expect(comparable(again)).toEqual(comparable(model));
  });

  it('an assignment replaces a lazy list like any property', async () => {
    const back = deserializeRegionModel(serializeRegionModel(await modelWithManySettlements(600)));
    const renamed = back.demand.names.map((n) => n.toUpperCase());
    back.demand.names = renamed;
    expect(back.demand.names).toBe(renamed);
  });
});
