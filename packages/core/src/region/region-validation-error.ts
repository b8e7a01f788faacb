import type { RegionProblem } from './region-manifest.js';

/** Formats one problem as the single line the CLI prints: `file: layer feature #i (id): reason`. */
export function formatRegionProblem(problem: RegionProblem): string {
  const where: string[] = [];
  if (problem.layer) where.push(`layer ${problem.layer}`);
  if (problem.featureIndex !== undefined) {
    where.push(
      `feature #${problem.featureIndex}` + (problem.featureId !== undefined ? ` (id ${problem.featureId})` : ''),
    );
  }
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${problem.file}: ${where.length ? where.join(', ') + ': ' : ''}${problem.message}`;
}

/**
 * Thrown when a region (or a scenario) is rejected. Carries every problem found, not just the
 * first, so a department can fix its data in one pass.
 */
export class RegionValidationError extends Error {
  /** Every error and warning found. */
  readonly problems: RegionProblem[];

  constructor(problems: RegionProblem[], source: string) {
    const errors = problems.filter((p) => p.severity === 'error');
    const head = errors.slice(0, 5).map(formatRegionProblem).join('\n  ');
    const more = errors.length > 5 ? `\n  … and ${errors.length - 5} more` : '';
    super(`${source}: ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n  ${head}${more}`);
    this.name = 'RegionValidationError';
    this.problems = problems;
  }
}
