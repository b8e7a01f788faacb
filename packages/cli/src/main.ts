import { Command, CommanderError } from 'commander';
import type { TemplateExpander } from '@regiontwin/core';
import { UserError } from './user-error.js';
import { validateCommand, withRegionLimits } from './commands/validate.js';
import { runCommand } from './commands/run.js';
import { compareCommand } from './commands/compare.js';
import { sweepCommand } from './commands/sweep.js';
import { templatesCommand } from './commands/templates.js';
import { registerDataCommands } from './import/register-data-commands.js';
import { createProgress } from './progress.js';
import { expandTemplate as libraryExpandTemplate } from './template-expander.js';
import { CLI_VERSION } from './version.js';
import type { CommandContext } from './command-context.js';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where progress bars go: a terminal, or undefined for none. @default stderr when it is a TTY */
  progress?: NodeJS.WritableStream;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  progress: process.stderr.isTTY ? process.stderr : undefined,
};

/** Options of {@link main} for embedding. */
export interface CliOptions {
  /** Expands template interventions. @default the template library's (see template-expander.ts) */
  expandTemplate?: TemplateExpander;
}

/** Collects a repeatable option's values. */
const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Runs the `regiontwin` command line. Returns the exit code: 0 success, 1 a user mistake (one
 * clear line per problem on stderr), 2 an internal error.
 */
export async function main(argv: string[], io: CliIo = defaultIo, options: CliOptions = {}): Promise<number> {
  let exitCode = 0;
  let json = false;
  const context: CommandContext = {
    out: io.out,
    err: io.err,
    progress: createProgress(io.progress),
    expandTemplate: options.expandTemplate ?? libraryExpandTemplate,
  };
  const program = new Command()
    .name('regiontwin')
    .description('Smart-region digital twins: model a planned change before it is built.')
    .version(CLI_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });

  withRegionLimits(
    program
      .command('validate')
      .description('validate a region folder (region.json + GeoJSON layers); exit 0 valid, 1 with every problem listed')
      .argument('<region-dir>', 'folder holding region.json, or the path of a region.json')
      .option('--json', 'machine-readable output')
      .option('--allow-missing-population', 'count a settlement without population as 0 people (a warning)'),
  ).action(async (dir: string, flags) => {
    json = Boolean(flags.json);
    exitCode = await validateCommand(dir, flags, io.out, io.err);
  });

  withRegionLimits(
    program
      .command('run')
      .description(
        'run a scenario: table on stdout; with --out, result.json, difference layers, interventions.geojson, report.html',
      )
      .argument('<scenario>', 'scenario file (regiontwin/scenario@1 JSON)')
      .option('--out <dir>', 'write the result files into this folder')
      .option('--workers <n>', 'worker threads; 0 runs in the main thread (default 0)')
      .option('--json', 'print the result JSON instead of the table')
      .option('--force', 'overwrite an earlier result in the --out folder'),
  ).action(async (file: string, flags) => {
    json = Boolean(flags.json);
    exitCode = await runCommand(file, flags, context);
  });

  withRegionLimits(
    program
      .command('compare')
      .description('run two or more scenarios of one region and compare them side by side (value, change, rank)')
      .argument('<scenarios...>', 'scenario files (at least two, of the same region)')
      .option('--out <dir>', 'write comparison.json, <name>/result.json per scenario and report.html into this folder')
      .option('--workers <n>', 'worker threads; 0 runs in the main thread (default 0)')
      .option('--json', 'print the comparison JSON instead of the table')
      .option('--force', 'overwrite an earlier comparison in the --out folder'),
  ).action(async (files: string[], flags) => {
    json = Boolean(flags.json);
    exitCode = await compareCommand(files, flags, context);
  });

  withRegionLimits(
    program
      .command('sweep')
      .description('run every combination of parameter values (a parameter sweep) in parallel worker threads')
      .argument('<scenario>', 'scenario file to vary')
      .requiredOption(
        '--param <NAME=FROM..TO:STEPS>',
        'a value in the scenario to vary, e.g. assumptions.populationGrowthPerYear=0..0.01:5 (repeat for a grid)',
        collect,
        [],
      )
      .option('--out <dir>', 'write sweep.csv and sweep.json into this folder')
      .option('--workers <n>', 'worker threads (default: CPU cores − 1, at least 1)')
      .option('--json', 'print sweep.json instead of the summary table')
      .option('--force', 'overwrite an earlier sweep in the --out folder'),
  ).action(async (file: string, flags) => {
    json = Boolean(flags.json);
    exitCode = await sweepCommand(file, flags, context);
  });

  program
    .command('templates')
    .description('the catalogue of standard solutions; with an id, its parameters, coefficients and sources')
    .argument('[id]', 'a template id, e.g. it-hub-per-district')
    .option('--region <dir>', 'show the parameters the template proposes for this region (through its adapt())')
    .option('--json', 'machine-readable output')
    .action(async (id: string | undefined, flags) => {
      json = Boolean(flags.json);
      exitCode = await templatesCommand(id, flags, context);
    });

  registerDataCommands(program, context, {
    flags: (flags) => (json = Boolean(flags.json)),
    exit: (code) => (exitCode = code),
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    context.progress.stop();
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage mistakes were already printed by commander.
      return error.exitCode === 0 ? 0 : 1;
    }
    if (error instanceof UserError) {
      if (json) io.out(JSON.stringify(error.json ?? { error: error.message }, null, 2));
      io.err(`error: ${error.message}`);
      for (const line of error.details) io.err(`  ${line}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`internal error: ${message}`);
    if (process.env.REGIONTWIN_DEBUG && error instanceof Error) io.err(error.stack ?? '');
    else io.err('  (this is a bug in regiontwin; set REGIONTWIN_DEBUG=1 for the stack trace and report it)');
    return 2;
  }
}
