import { Command, CommanderError } from 'commander';
import { UserError } from './user-error.js';
import { validateCommand } from './commands/validate.js';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/**
 * Runs the `regiontwin` command line. Returns the exit code: 0 success, 1 a user mistake (one
 * clear line per problem on stderr), 2 an internal error.
 */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0;
  let json = false;
  const program = new Command()
    .name('regiontwin')
    .description('Smart-region digital twins: model a planned change before it is built.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });

  program
    .command('validate')
    .description('validate a region folder (region.json + GeoJSON layers); exit 0 valid, 1 with every problem listed')
    .argument('<region-dir>', 'folder holding region.json, or the path of a region.json')
    .option('--json', 'machine-readable output')
    .option('--allow-missing-population', 'count a settlement without population as 0 people (a warning)')
    .option('--max-file-mb <mb>', 'largest layer file accepted, MiB (default 256)')
    .option('--max-features <n>', 'most features in one layer (default 5000000)')
    .option('--max-vertices <n>', 'most coordinate positions in one layer (default 50000000)')
    .action(async (dir: string, flags) => {
      json = Boolean(flags.json);
      exitCode = await validateCommand(dir, flags, io.out, io.err);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
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
