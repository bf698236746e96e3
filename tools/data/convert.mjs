#!/usr/bin/env node
// convert.mjs - converts the vega-datasets flights and airports files into
// the JSON-lines inputs the examples, tests and benchmarks read.
//
//   node tools/data/convert.mjs [--force] [OUTDIR]      (OUTDIR defaults to data)
//
//   node_modules/vega-datasets/data/flights-3m.parquet -> OUTDIR/flights.jsonl
//     {"date":"2001-01-01 00:01:00.000","delay":33,"distance":2176,"origin":"LAS","destination":"PHL"}
//     3,000,000 lines in the parquet order (sorted by date). `date` is written
//     in sluice's timestamp convention 'YYYY-MM-DD HH:MM:SS.fff'.
//   node_modules/vega-datasets/data/airports.csv -> OUTDIR/airports.jsonl
//     {"iata":"00M","name":"Thigpen","city":"Bay Springs","state":"MS","country":"USA","latitude":31.95,"longitude":-89.23}
//
// Each output is skipped when it is newer than its input (and than this
// script); otherwise it is written to OUTDIR/.NAME.tmp and renamed, so an
// interrupted run never leaves a truncated file behind.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const force = args.includes('--force');
const outDir = args.find((a) => !a.startsWith('--')) ?? 'data';
const VEGA = 'node_modules/vega-datasets/data';
const self = new URL(import.meta.url).pathname;

/** True when `out` exists and is newer than every file in `inputs`. */
function upToDate(out, inputs) {
  if (force || !fs.existsSync(out)) return false;
  const t = fs.statSync(out).mtimeMs;
  return inputs.every((i) => fs.statSync(i).mtimeMs <= t);
}

/** SQL string literal. */
const lit = (s) => `'${s.replaceAll("'", "''")}'`;

const jobs = [
  {
    input: `${VEGA}/flights-3m.parquet`,
    out: `${outDir}/flights.jsonl`,
    sql: (src) => `SELECT strftime(date, '%Y-%m-%d %H:%M:%S.%g') AS date,
                          delay, distance, origin, destination
                   FROM read_parquet(${lit(src)})`,
  },
  {
    input: `${VEGA}/airports.csv`,
    out: `${outDir}/airports.jsonl`,
    sql: (src) => `SELECT * FROM read_csv(${lit(src)}, header = true, columns = {
                     'iata': 'VARCHAR', 'name': 'VARCHAR', 'city': 'VARCHAR', 'state': 'VARCHAR',
                     'country': 'VARCHAR', 'latitude': 'DOUBLE', 'longitude': 'DOUBLE'})`,
  },
];

fs.mkdirSync(outDir, { recursive: true });
let db = null;
for (const job of jobs) {
  if (!fs.existsSync(job.input)) {
    console.error(`convert: ${job.input} is missing: run tools/install-deps.sh (npm ci)`);
    process.exit(1);
  }
  if (upToDate(job.out, [job.input, self])) {
    console.log(`convert: ${job.out} is up to date`);
    continue;
  }
  const t0 = process.hrtime.bigint();
  db ??= await (await DuckDBInstance.create(':memory:')).connect();
  // Insertion order is preserved by COPY (DuckDB's default
  // preserve_insertion_order=true), so the parquet's date order is kept.
  const tmp = path.join(outDir, `.${path.basename(job.out)}.tmp`);
  await db.run(`SET preserve_insertion_order = true`);
  const r = await db.runAndReadAll(`COPY (${job.sql(job.input)}) TO ${lit(tmp)} (FORMAT json)`);
  const rows = r.getRows()[0]?.[0] ?? '?';
  fs.renameSync(tmp, job.out);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`convert: ${job.out}: ${rows} rows in ${secs.toFixed(2)} s`);
}
