// demo-table.mjs FILE [N] - prints the first N rows of the hourly delay
// table (JSON lines from examples/flights/delays.sql) as an aligned table,
// then totals over all rows. Used by `make demo` and `make demo-kafka`.
import { readFileSync } from 'node:fs';

const [file, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 15);
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.length).map((l) => JSON.parse(l));
if (rows.length === 0) {
  console.log('(no rows)');
  process.exit(0);
}
const cols = Object.keys(rows[0]);
const fmt = (v) => (v === null ? 'null' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v));
const shown = rows.slice(0, n).map((r) => cols.map((c) => fmt(r[c])));
const width = cols.map((c, i) => Math.max(c.length, ...shown.map((r) => r[i].length)));
const line = (cells) => cells.map((s, i) => (i === 0 || isNaN(Number(s)) ? s.padEnd(width[i]) : s.padStart(width[i]))).join('  ');
console.log(line(cols));
console.log(width.map((w) => '-'.repeat(w)).join('  '));
for (const r of shown) console.log(line(r));
if (rows.length > n) console.log(`... (${rows.length - n} more rows)`);

const flights = rows.reduce((s, r) => s + r.flights, 0);
const delayed = rows.reduce((s, r) => s + r.delayed, 0);
const delaySum = rows.reduce((s, r) => s + r.avg_delay * r.flights, 0);
const airports = new Set(rows.map((r) => r.origin)).size;
const windows = new Set(rows.map((r) => r.window_start)).size;
const worst = rows.reduce((a, r) => (r.avg_delay > a.avg_delay ? r : a));
console.log('');
console.log(`totals: ${rows.length} (airport, hour) rows with >= 5 flights; ${airports} airports; ${windows} hours`);
console.log(`        ${flights} flights in those rows, ${delayed} (${((100 * delayed) / flights).toFixed(1)}%) more than 15 min late, mean delay ${(delaySum / flights).toFixed(2)} min`);
console.log(`        worst hour: ${worst.origin} ${worst.window_start}, ${worst.flights} flights, mean delay ${worst.avg_delay.toFixed(1)} min`);
