import { Presets, SingleBar } from 'cli-progress';

/** A progress display for long work. */
export interface Progress {
  /** Starts (or restarts) a bar of `total` steps labelled `label`. */
  start(label: string, total: number): void;
  /** Sets the steps done (and failed, shown when any). */
  update(done: number, failed?: number): void;
  /** Removes the bar. */
  stop(): void;
}

const silent: Progress = { start() {}, update() {}, stop() {} };

/**
 * A progress bar on `stream` (stderr when it is a terminal), or nothing at all when there is no
 * stream: output piped to a file or another program carries no progress noise.
 */
export function createProgress(stream: NodeJS.WritableStream | undefined): Progress {
  if (!stream) return silent;
  let bar: SingleBar | undefined;
  return {
    start(label, total) {
      bar?.stop();
      bar = new SingleBar(
        {
          stream,
          format: '{label} [{bar}] {value}/{total}{failedText} {duration_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0, { label, failedText: '' });
    },
    update(done, failed = 0) {
      bar?.update(done, { failedText: failed > 0 ? ` (${failed} failed)` : '' });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
