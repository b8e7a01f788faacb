import type { FeatureCollection } from 'geojson';

/**
 * A FeatureCollection as text with one feature per line: compact like minified JSON, yet a
 * diff or `grep` shows whole features, and the bytes are deterministic.
 */
export function formatFeatureCollection(collection: FeatureCollection): string {
  const lines = collection.features.map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}
