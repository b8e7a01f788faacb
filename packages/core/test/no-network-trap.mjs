// Test-only preload (`node --import ./no-network-trap.mjs …`): replaces every way a Node program
// can reach the network — fetch, WebSocket, http(s).request/get, net/tls connections, UDP sockets,
// DNS lookups — by a trap that records the attempt (one line in $REGIONTWIN_NETWORK_LOG) and
// throws. Worker threads inherit the preload through execArgv. Used by security.test.ts.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const log = process.env.REGIONTWIN_NETWORK_LOG;

function trap(name) {
  return function trapped() {
    if (log) appendFileSync(log, `${name} (${isMainThread ? 'main thread' : 'worker thread'})\n`);
    throw new Error(`network access attempted: ${name}`);
  };
}

const modules = {
  http: ['request', 'get'],
  https: ['request', 'get'],
  http2: ['connect'],
  net: ['connect', 'createConnection'],
  tls: ['connect'],
  dgram: ['createSocket'],
  dns: ['lookup', 'resolve', 'resolve4', 'resolve6'],
};
for (const [name, functions] of Object.entries(modules)) {
  const mod = require(name);
  for (const fn of functions) mod[fn] = trap(`${name}.${fn}`);
}
const dnsPromises = require('dns').promises;
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6']) dnsPromises[fn] = trap(`dns.promises.${fn}`);
// The ESM views of the built-in modules (import { request } from 'node:http') follow the patches.
syncBuiltinESMExports();
globalThis.fetch = trap('fetch');
globalThis.WebSocket = trap('WebSocket');
globalThis.EventSource = trap('EventSource');
