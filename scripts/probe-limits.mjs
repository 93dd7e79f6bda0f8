#!/usr/bin/env node
// Measures how a running gateway treats hostile sockets, over real TCP:
//   node scripts/probe-limits.mjs --gateway http://localhost:4400 [--sockets 1000]
// 1. opens N sockets that never send a byte and counts how many stay open over 12 s;
// 2. sends request headers one line a second and reports when (and how) the socket is cut;
// 3. makes one request on a keep-alive socket and reports when the idle socket is closed.
import { connect } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { gateway: { type: 'string' }, sockets: { type: 'string' } } });
const gateway = new URL(values.gateway ?? 'http://localhost:4400');
const port = Number(gateway.port || 80);
const count = Number(values.sockets ?? 1000);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A socket to the gateway, with what it received and when (ms after opening) it closed. */
function open() {
  return new Promise((resolve) => {
    const socket = connect(port, gateway.hostname === 'localhost' ? '127.0.0.1' : gateway.hostname);
    const probe = { socket, opened: Date.now(), closedAfter: null, data: '' };
    socket.on('data', (chunk) => (probe.data += chunk.toString('latin1')));
    socket.on('close', () => (probe.closedAfter = Date.now() - probe.opened));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve(probe));
    socket.once('error', () => resolve(probe));
  });
}

const idle = [];
for (let i = 0; i < count; i++) idle.push(await open());
const started = Date.now();
const held = [];
for (const at of [500, 3000, 6000, 12000]) {
  await sleep(at - (Date.now() - started));
  held.push(`${at} ms: ${idle.filter((p) => p.closedAfter === null).length}`);
}
console.log(`idle sockets: opened ${count}; still open after ${held.join(', ')}`);
for (const probe of idle) probe.socket.destroy();

const slow = await open();
slow.socket.write('GET /.well-known/jwks.json HTTP/1.1\r\n');
const drip = setInterval(() => slow.socket.write(`X-Drip: ${Date.now()}\r\n`), 1000);
for (let i = 0; i < 25 && slow.closedAfter === null; i++) await sleep(1000);
clearInterval(drip);
console.log(
  `slow headers (a line a second): ${
    slow.closedAfter === null
      ? 'still open after 25 s'
      : `cut after ${slow.closedAfter} ms, answered ${JSON.stringify(slow.data.split('\r\n')[0] ?? '')}`
  }`,
);
slow.socket.destroy();

const kept = await open();
kept.socket.write(`GET /.well-known/jwks.json HTTP/1.1\r\nHost: ${gateway.host}\r\n\r\n`);
while (!kept.data.includes('\r\n\r\n') && kept.closedAfter === null) await sleep(10);
const answered = Date.now();
for (let i = 0; i < 150 && kept.closedAfter === null; i++) await sleep(100);
console.log(
  `keep-alive: ${kept.closedAfter === null ? 'still open 15 s after its answer' : `closed ${Date.now() - answered} ms after its answer`}`,
);
kept.socket.destroy();
