#!/usr/bin/env node
// duckdb.mjs - times a DuckDB query over a JSON-lines file, for bench/flights.sh.
//
//   node bench/duckdb.mjs --threads N|default --runs R --set NAME=PATH QUERY.sql OUT.jsonl
//
// QUERY.sql is an oracle query (tests/diff/cases/*/oracle.sql) with {{NAME}}
// placeholders. Each run executes COPY (query) TO OUT (FORMAT json) in one
// DuckDB instance (reading and parsing the JSON input every time; the OS page
// cache is as warm as for sluice) and is timed from submission to the file
// being written. OUT is removed before each run, as the bench scripts do for
// sluice's output: every run writes a new file, whatever the kernel is still
// doing with the previous one. Prints one line: "threads=T runs=s1,s2,...
// best=S rows=N".
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';

const args = process.argv.slice(2);
let threads = 'default';
let runs = 3;
const sets = {};
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--threads') threads = args[++i];
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--set') {
    const [k, ...v] = args[++i].split('=');
    sets[k] = v.join('=');
  } else files.push(args[i]);
}
if (files.length !== 2 || !(runs >= 1)) {
  console.error('usage: duckdb.mjs --threads N|default --runs R --set NAME=PATH QUERY.sql OUT.jsonl');
  process.exit(2);
}
const [queryFile, outFile] = files;
const query = fs
  .readFileSync(queryFile, 'utf8')
  .replace(/\{\{(\w+)\}\}/g, (m, k) => sets[k] ?? m)
  .replace(/;\s*$/, '')
  .replace(/^\s*--.*$/gm, '');
const lit = (s) => `'${s.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:', threads === 'default' ? {} : { threads });
const conn = await instance.connect();
const used = (await conn.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
const times = [];
let rows = 0;
for (let r = 0; r < runs; r++) {
  fs.rmSync(outFile, { force: true });
  const t0 = process.hrtime.bigint();
  const res = await conn.runAndReadAll(`COPY (${query}) TO ${lit(outFile)} (FORMAT json)`);
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  rows = Number(res.getRows()[0]?.[0] ?? 0);
}
console.log(`threads=${used} runs=${times.map((t) => t.toFixed(3)).join(',')} best=${Math.min(...times).toFixed(3)} rows=${rows}`);
