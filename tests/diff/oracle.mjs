#!/usr/bin/env node
// oracle.mjs - runs a DuckDB SQL file and writes the result of its last
// statement as JSON lines in sluice's output conventions, so that the two can
// be compared with compare.mjs.
//
//   node tests/diff/oracle.mjs [--threads N] [--set NAME=VALUE]... QUERY.sql OUT.jsonl|-
//        [QUERY2.sql OUT2.jsonl|-]...
//
// QUERY.sql may hold several statements (setup first); the last one is the
// query. More QUERY/OUT pairs run in the same process (loading DuckDB costs
// more than a small query), each in a database of its own. `{{NAME}}` in the SQL is replaced by the VALUE given with --set
// (e.g. the input file of a generated test). Paths are relative to the
// current directory (run from the repository root).
//
// Output conventions (those of sluice's JSON encoder):
//   - one object per row, keys = the result's column names, in column order
//   - TIMESTAMP* -> "YYYY-MM-DD HH:MM:SS.fff" (UTC, truncated to milliseconds)
//   - DATE -> "YYYY-MM-DD"
//   - integer types -> JSON integers (exact, also beyond 2^53)
//   - FLOAT/DOUBLE -> shortest round-trip decimal; NaN/Infinity -> null
//   - DECIMAL -> its exact decimal text as a JSON number
//   - VARCHAR -> JSON string; BOOLEAN -> true/false; NULL -> null
//   - LIST -> JSON array of its elements (compare.mjs --range reads [LO, HI])
// Prints "oracle: N rows in S s (threads T)" on stderr per query.
//
// Before QUERY.sql, tests/diff/prelude.sql is run: macros for the window
// arithmetic every oracle needs (floor modulo, window starts), written once.
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import fs from 'node:fs';

function usage() {
  console.error('usage: oracle.mjs [--threads N] [--set NAME=VALUE]... QUERY.sql OUT.jsonl|- [QUERY2.sql OUT2.jsonl|-]...');
  process.exit(2);
}

const args = process.argv.slice(2);
const sets = {};
let threads = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--threads' && i + 1 < args.length) threads = Number(args[++i]);
  else if (args[i] === '--set' && i + 1 < args.length) {
    const s = args[++i];
    const eq = s.indexOf('=');
    if (eq < 1) usage();
    sets[s.slice(0, eq)] = s.slice(eq + 1);
  } else if (args[i].startsWith('--')) usage();
  else files.push(args[i]);
}
if (files.length === 0 || files.length % 2 !== 0) usage();

const prelude = fs.readFileSync(new URL('prelude.sql', import.meta.url), 'utf8');

/** "YYYY-MM-DD HH:MM:SS.fff" of a millisecond count (UTC). */
function formatMs(ms) {
  const iso = new Date(Number(ms)).toISOString(); // 2001-01-01T00:01:00.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Floor division of bigints (BigInt `/` truncates toward zero). */
function floorDiv(a, b) {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** A function that encodes one value of the given DuckDB type as JSON text. */
function encoderFor(type) {
  const str = (v) => JSON.stringify(String(v));
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return (v) => (v ? 'true' : 'false');
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return (v) => String(v);
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return (v) => (Number.isFinite(v) ? String(v) : 'null');
    case DuckDBTypeId.DECIMAL:
      return (v) => v.toString();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (v) => str(formatMs(floorDiv(v.micros, 1000n)));
    case DuckDBTypeId.TIMESTAMP_MS:
      return (v) => str(formatMs(v.millis));
    case DuckDBTypeId.TIMESTAMP_S:
      return (v) => str(formatMs(v.seconds * 1000n));
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v) => str(formatMs(floorDiv(v.nanos, 1000000n)));
    case DuckDBTypeId.DATE:
      return (v) => str(v.toString());
    case DuckDBTypeId.LIST: {
      const item = encoderFor(type.valueType);
      return (v) => `[${v.items.map((x) => (x === null ? 'null' : item(x))).join(',')}]`;
    }
    default: // VARCHAR and anything else: its text
      return (v) => str(v);
  }
}

/** Runs QUERYFILE in a database of its own and writes its last result to OUTFILE. */
async function runQuery(queryFile, outFile) {
  const sql = fs.readFileSync(queryFile, 'utf8').replace(/\{\{(\w+)\}\}/g, (m, name) => {
    if (!(name in sets)) {
      console.error(`oracle: ${queryFile}: {{${name}}} has no --set value`);
      process.exit(2);
    }
    return sets[name];
  });
  const t0 = process.hrtime.bigint();
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const conn = await instance.connect();
  await conn.run(prelude);
  const extracted = await conn.extractStatements(sql);
  if (extracted.count === 0) {
    console.error(`oracle: ${queryFile}: no statement`);
    process.exit(2);
  }
  for (let i = 0; i < extracted.count - 1; i++) await (await extracted.prepare(i)).run();
  const result = await (await extracted.prepare(extracted.count - 1)).stream();

  const names = result.columnNames().map((n) => JSON.stringify(n));
  const encoders = result.columnTypes().map(encoderFor);
  const out = outFile === '-' ? process.stdout.fd : fs.openSync(outFile, 'w');
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const cols = chunk.getColumns();
    const lines = [];
    for (let r = 0; r < chunk.rowCount; r++) {
      const parts = [];
      for (let c = 0; c < cols.length; c++) {
        const v = cols[c][r];
        parts.push(`${names[c]}:${v === null ? 'null' : encoders[c](v)}`);
      }
      lines.push(`{${parts.join(',')}}\n`);
    }
    fs.writeSync(out, lines.join(''));
    rows += chunk.rowCount;
  }
  if (out !== process.stdout.fd) fs.closeSync(out);
  const threadsUsed = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.error(`oracle: ${rows} rows in ${secs.toFixed(3)} s (threads ${threadsUsed})`);
  conn.closeSync();
  instance.closeSync();
}

for (let i = 0; i < files.length; i += 2) await runQuery(files[i], files[i + 1]);
