// The osm-import benchmark's baseline, run as its own process under /usr/bin/time:
// `node bench/osm-pbf-decode-count.mjs <file.osm.pbf>` decodes the file with osm-pbf-parser-node
// (tags on, metadata off, as the importer reads it) and prints {"nodes","ways","relations"} as
// JSON: the floor any importer built on this parser pays, in time and in memory.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The parser is a dependency of the CLI package, not of the repository root.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages', 'cli', 'package.json'));
const { OSMTransform } = await import(pathToFileURL(require.resolve('osm-pbf-parser-node')).href);

const counts = { nodes: 0, ways: 0, relations: 0 };
await pipeline(
  createReadStream(process.argv[2]),
  new OSMTransform({ withTags: true, withInfo: false }),
  new Writable({
    objectMode: true,
    write(batch, _encoding, next) {
      for (const item of batch) {
        if (item.type === 'node') counts.nodes++;
        else if (item.type === 'way') counts.ways++;
        else if (item.type === 'relation') counts.relations++;
      }
      next();
    },
  }),
);
console.log(JSON.stringify(counts));
