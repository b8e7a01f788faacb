import type { Feature, FeatureCollection } from 'geojson';
import type { StagedFile } from '../atomic-output.js';

const HEADER = '{"type":"FeatureCollection","features":[\n';
const FOOTER = '\n]}\n';

/**
 * A FeatureCollection as text with one feature per line: compact like minified JSON, yet a
 * diff or `grep` shows whole features, and the bytes are deterministic.
 */
export function formatFeatureCollection(collection: FeatureCollection): string {
  const lines = collection.features.map((f) => JSON.stringify(f));
  return `${HEADER}${lines.join(',\n')}${FOOTER}`;
}

/** Writes a FeatureCollection chunk by chunk, byte for byte as {@link formatFeatureCollection} would. */
export interface FeatureCollectionWriter {
  /** Appends features (one line each). */
  add(features: readonly Feature[]): Promise<void>;
  /**
   * Writes the closing bracket and closes the file; returns the features, bytes and characters
   * (UTF-16 units, the length of the text once decoded) written.
   */
  end(): Promise<{ features: number; bytes: number; characters: number }>;
}

/** A {@link FeatureCollectionWriter} into a staged file, so a large layer is never one string in memory. */
export function createFeatureCollectionWriter(file: StagedFile): FeatureCollectionWriter {
  let count = 0;
  let bytes = 0;
  let characters = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    characters += text.length;
    await file.write(text);
  };
  return {
    async add(features) {
      if (features.length === 0) return;
      const lines = features.map((f) => JSON.stringify(f)).join(',\n');
      await write(count === 0 ? HEADER + lines : `,\n${lines}`);
      count += features.length;
    },
    async end() {
      await write(count === 0 ? HEADER + FOOTER : FOOTER);
      await file.close();
      return { features: count, bytes, characters };
    },
  };
}
