import { availableParallelism } from 'node:os';
import type { TemplateExpander } from '@regiontwin/core';
import type { Progress } from './progress.js';
import { UserError } from './user-error.js';

/** What every command gets from `main`: where to write, a progress display, the template library. */
export interface CommandContext {
  /** A line for stdout (results). */
  out: (line: string) => void;
  /** A line for stderr (warnings). */
  err: (line: string) => void;
  /** Progress display: a bar on a terminal, silent otherwise. */
  progress: Progress;
  /** Expands template interventions; undefined until @regiontwin/templates provides one. */
  expandTemplate?: TemplateExpander;
}

/** Default worker count of a sweep: every core but one for the main thread, at least 1. */
export function defaultSweepWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Parses `--workers N`: a whole number ≥ 0 (0 runs in the calling thread).
 * @throws {UserError} for anything else.
 */
export function parseWorkerCount(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UserError(`--workers must be a whole number, 0 or more (got "${text}")`);
  }
  if (value > 1024) throw new UserError(`--workers ${value} is more than 1024 worker threads`);
  return value;
}
