import { withRegionLimits } from '../commands/validate.js';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { importOsmCommand } from './import-osm-command.js';
import { importPopulationGridCommand } from './import-population-grid-command.js';
import { synthesizePopulationCommand, synthesizeRoadsCommand } from './synthesize-commands.js';

/** Collects a repeatable option's values. */
const collect = (value: string, previous: string[]) => [...previous, value];

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

  importCommand
    .command('population-grid')
    .description(
      'use a population grid (GeoTIFF, people per cell, EPSG:4326, e.g. WorldPop) as the demand layer of a region',
    )
    .argument('<grid.tif>', 'the GeoTIFF')
    .requiredOption('--region <region-dir>', 'the region whose districts the grid is read over')
    .requiredOption('--out <region-dir>', 'the new region folder to write')
    .option('--band <n>', 'the band holding people per cell (default 1)')
    .option('--max-cells <n>', `most cells read over the districts (default ${20_000_000})`)
    .option('--force', 'overwrite an earlier region in --out')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, flags) => {
      outcome.flags(flags);
      outcome.exit(await importPopulationGridCommand(file, flags, context));
    });

  withRegionLimits(
    program
      .command('synthesize-population')
      .description(
        'fill settlements (or buildings) that lack a population from a known total, by class (or floor area), seeded; every value written is marked synthetic',
      )
      .argument('<region-dir>', 'region folder (or its region.json)')
      .requiredOption('--out <region-dir>', 'the new region folder to write')
      .option('--target <layer>', 'settlements (by settlement class, default) or buildings (by residential floor area)')
      .option('--total <people>', 'known number of residents of the whole region')
      .option('--district-total <ID=people>', 'known residents of one district (repeatable)', collect, [])
      .option('--seed <n>', 'seed of the jitter (default 1)')
      .option('--class-property <property>', 'settlement property holding the class, e.g. OSM place (default "place")')
      .option('--jitter <sigma>', 'spread of the log-normal jitter of the weights, 0 for none (default 0.25)')
      .option('--force', 'overwrite an earlier region in --out')
      .option('--json', 'print what was distributed as JSON'),
  ).action(async (path: string, flags) => {
    outcome.flags(flags);
    outcome.exit(await synthesizePopulationCommand(path, flags, context));
  });

  withRegionLimits(
    program
      .command('synthesize-roads')
      .description(
        'for a region without roads: a synthetic road skeleton between settlements (spanning tree + nearest links), marked synthetic',
      )
      .argument('<region-dir>', 'region folder (or its region.json) without a roads layer')
      .requiredOption('--out <region-dir>', 'the new region folder to write')
      .option('--nearest-links <k>', 'links from each settlement to its k nearest Delaunay neighbours (default 2)')
      .option('--force', 'overwrite an earlier region in --out')
      .option('--json', 'print the summary as JSON'),
  ).action(async (path: string, flags) => {
    outcome.flags(flags);
    outcome.exit(await synthesizeRoadsCommand(path, flags, context));
  });
}
