import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { importOsmCommand } from './import-osm-command.js';

/** What a command's action reports back to `main`: its flags (for `--json` error output) and exit code. */
export interface CommandOutcome {
  /** Called first with the flags, so that errors print as JSON under `--json`. */
  flags: (flags: { json?: boolean }) => void;
  /** Called with the exit code when the action ends without throwing. */
  exit: (code: number) => void;
}

/**
 * Registers the data commands: `import osm`, `synthesize-population`, `synthesize-roads`. Kept in
 * one module so that `main.ts` needs one line for all of them.
 */
export function registerDataCommands(program: Command, context: CommandContext, outcome: CommandOutcome): void {
  const importCommand = program.command('import').description('import source data into a region folder');
  importCommand
    .command('osm')
    .description(
      'import an OpenStreetMap extract (.osm.pbf, .osm XML or Overpass JSON) clipped to a districts boundary into a region folder',
    )
    .argument('<file>', 'OSM file: .osm.pbf, .osm (XML) or Overpass API JSON ([out:json]; out body; >; out skel qt;)')
    .requiredOption('--boundary <districts.geojson>', 'the districts (GeoJSON polygons); everything is clipped to them')
    .requiredOption('--out <region-dir>', 'the region folder to write (region.json, layers, import-report.json)')
    .option('--id <id>', 'region id (default: the --out folder name)')
    .option('--name <name>', 'region display name (default: the id)')
    .option('--district-id <property>', 'boundary property with a unique district id (default: detected)')
    .option('--district-name <property>', 'boundary property with the district name (default: detected)')
    .option(
      '--facility-kinds <table.json>',
      'facility table overrides: {"amenity=school": "school", "amenity=bank": null}',
    )
    .option('--drop-fragments', 'keep only the largest connected road fragment (all are reported either way)')
    .option('--force', 'overwrite an earlier region in --out')
    .option('--json', 'print the manifest and import report as JSON')
    .action(async (file: string, flags) => {
      outcome.flags(flags);
      outcome.exit(await importOsmCommand(file, flags, context));
    });
}
