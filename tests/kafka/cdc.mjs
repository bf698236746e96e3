#!/usr/bin/env node
// cdc.mjs - a deterministic stream of debezium-json changes over a table
// of flights, for the kafka suite's debezium checks (tests/kafka/run.sh).
//
//   node tests/kafka/cdc.mjs FLIGHTS.jsonl ROWS SEED OUTDIR
//
// The table is (id INT, origin STRING, delay BIGINT, distance BIGINT); row
// `id` starts as flight line `id` of FLIGHTS. The stream inserts ROWS ids
// (the first tenth as snapshot reads, op "r", the rest op "c") and, mixed
// between the inserts, updates live rows (op "u" with "before" and
// "after"; a quarter of them move the row to another origin), deletes
// them (op "d", followed by a tombstone as Debezium sends by default:
// tombstones.on.delete) and inserts deleted ids again. The messages are
// shaped as Debezium writes them: "source", "ts_ms" and "transaction"
// members, members in various orders, and a tenth of them inside the
// {"schema": ..., "payload": ...} envelope (schemas.enable). A few are
// malformed on purpose: an update without "before" (REPLICA IDENTITY
// DEFAULT) in both of its forms (member absent and null); they change
// nothing, so the generator does not apply them.
//
// Writes to OUTDIR:
//   cdc.tsv          KEY<TAB>VALUE per message, for `kcat -P -K '\t' -Z`
//                    (the key is {"id": N}, so every change of a row lands
//                    on one partition in order; an empty VALUE is sent as
//                    NULL: a tombstone)
//   cdc-final.jsonl  the table after every change, one row per line
//   cdc-bad.txt      the VALUE of each malformed message, one per line
// and prints "MESSAGES TOMBSTONES BAD" on stdout.
import fs from 'node:fs';
import path from 'node:path';

const [flightsFile, rowsArg, seedArg, outDir] = process.argv.slice(2);
const ROWS = Number(rowsArg);
if (!flightsFile || !(ROWS > 0) || seedArg === undefined || !outDir) {
  console.error('usage: cdc.mjs FLIGHTS.jsonl ROWS SEED OUTDIR');
  process.exit(2);
}

// mulberry32: a small seeded PRNG, so that a run can be replayed
let seed = Number(seedArg) >>> 0;
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(rand() * n);

const flights = fs
  .readFileSync(flightsFile, 'utf8')
  .split('\n')
  .filter((l) => l)
  .slice(0, ROWS)
  .map((l) => JSON.parse(l));
if (flights.length < ROWS) {
  console.error(`cdc.mjs: ${flightsFile} has only ${flights.length} lines`);
  process.exit(2);
}

const live = new Map(); // id -> row
const liveIds = []; // ids in `live`, for picking one at random
const liveAt = new Map(); // id -> index in liveIds
const dead = []; // deleted ids
const out = [];
const bad = [];
let tombstones = 0;
let tsMs = Date.UTC(2024, 0, 1);

function setLive(id, row) {
  if (!live.has(id)) {
    liveAt.set(id, liveIds.length);
    liveIds.push(id);
  }
  live.set(id, row);
}
function unsetLive(id) {
  const i = liveAt.get(id);
  const last = liveIds.pop();
  if (last !== id) {
    liveIds[i] = last;
    liveAt.set(last, i);
  }
  liveAt.delete(id);
  live.delete(id);
}

// A row's JSON, members in declared order or (sometimes) reversed: the
// decoder must not depend on their order.
function rowJson(r) {
  const m = [
    ['id', r.id],
    ['origin', r.origin],
    ['delay', r.delay],
    ['distance', r.distance],
  ];
  if (rand() < 0.2) m.reverse();
  return '{' + m.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',') + '}';
}

// One change message as Debezium shapes it. before/after: JSON text or null.
function message(op, before, after) {
  tsMs += 1 + pick(1000);
  const source =
    `{"version":"2.5.0.Final","connector":"postgresql","name":"db","ts_ms":${tsMs},` +
    `"snapshot":"${op === 'r' ? 'true' : 'false'}","db":"air","schema":"public","table":"flights"}`;
  const parts = [
    `"before":${before === undefined ? '' : before}`,
    `"after":${after}`,
    `"source":${source}`,
    `"op":"${op}"`,
    `"ts_ms":${tsMs}`,
    '"transaction":null',
  ].filter((p) => !p.endsWith(':'));
  if (rand() < 0.3) parts.reverse();
  const change = '{' + parts.join(',') + '}';
  if (rand() < 0.1)
    return `{"schema":{"type":"struct","optional":false,"name":"db.public.flights.Envelope"},"payload":${change}}`;
  return change;
}

const key = (id) => `{"id":${id}}`;
function emit(id, value) {
  out.push(`${key(id)}\t${value}`);
}

function insert(id, row, op) {
  setLive(id, row);
  emit(id, message(op, 'null', rowJson(row)));
}

let next = 0;
const snapshot = Math.floor(ROWS / 10);
const badAt = [Math.floor(ROWS / 4), Math.floor(ROWS / 2), Math.floor((3 * ROWS) / 4)];
while (next < ROWS) {
  const r = rand();
  if (next < snapshot || r < 0.45 || liveIds.length < 10) {
    const f = flights[next];
    const row = { id: next, origin: f.origin, delay: f.delay, distance: f.distance };
    insert(next, row, next < snapshot ? 'r' : 'c');
    next++;
  } else if (r < 0.8) {
    const id = liveIds[pick(liveIds.length)];
    const old = live.get(id);
    const row = { ...old, delay: old.delay + pick(61) - 30 };
    if (rand() < 0.25) row.origin = flights[pick(ROWS)].origin;
    if (rand() < 0.1) row.distance = old.distance + 1;
    setLive(id, row);
    emit(id, message('u', rowJson(old), rowJson(row)));
  } else if (r < 0.95) {
    const id = liveIds[pick(liveIds.length)];
    const old = live.get(id);
    unsetLive(id);
    dead.push(id);
    emit(id, message('d', rowJson(old), 'null'));
    emit(id, ''); // the tombstone that follows a delete
    tombstones++;
  } else if (dead.length) {
    const id = dead.splice(pick(dead.length), 1)[0];
    const f = flights[pick(ROWS)];
    insert(id, { id, origin: f.origin, delay: f.delay, distance: f.distance }, 'c');
  }
  // malformed on purpose, at three points of the run: an update without
  // its "before" (absent, null, absent); the row does not change
  if (bad.length < badAt.length && next >= badAt[bad.length]) {
    const id = liveIds[pick(liveIds.length)];
    const old = live.get(id);
    const after = rowJson({ ...old, delay: old.delay + 1000 });
    const v = message('u', bad.length === 1 ? 'null' : undefined, after);
    bad.push(v);
    emit(id, v);
  }
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'cdc.tsv'), out.map((l) => l + '\n').join(''));
fs.writeFileSync(
  path.join(outDir, 'cdc-final.jsonl'),
  [...live.values()].map((r) => JSON.stringify(r) + '\n').join(''),
);
fs.writeFileSync(path.join(outDir, 'cdc-bad.txt'), bad.map((l) => l + '\n').join(''));
console.log(`${out.length} ${tombstones} ${bad.length}`);
