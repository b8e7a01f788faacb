/** What the region worker offers across the comlink boundary. */
export interface RegionWorkerApi {
  /**
   * Loads the embedded region, or a region from dropped files, and compiles it.
   * @returns the model as serializeRegionModel's buffer, or every problem as a text line
   */
  load(
    files: 'embedded' | File[],
  ): Promise<{ ok: true; buffer: ArrayBuffer; warnings: string[] } | { ok: false; problems: string[] }>;
}
