#!/usr/bin/env node
// annotate.mjs - a copy of a JSON-lines input for the oracle, each record
// given its position and the largest event time read before it.
//
//   node tests/diff/annotate.mjs FIELD IN.jsonl OUT.jsonl
//
// Every line of IN becomes {"_rn":N,"_max":M, ...the line's own fields}:
//   _rn   0-based line number: the order sluice reads the records in, for
//         order-dependent aggregates (FIRST_VALUE, LAST_VALUE, LISTAGG)
//   _max  the largest value of the event-time field FIELD over the lines
//         before this one, in epoch milliseconds; null for the first line
// The watermark sluice holds just before a record is _max minus the delay
// the query's WATERMARK declares (README "Time semantics": it advances
// record by record, also on records a WHERE later drops), so an oracle
// decides lateness in SQL: a record is dropped from window [s, e) when
//   _max - delay >= e - 1 (+ the allowed lateness).
// The line's own text is kept byte for byte after the two fields, so the
// oracle reads exactly what sluice reads. FIELD must be a timestamp
// 'YYYY-MM-DD HH:MM:SS[.fff]' in every line (gen.mjs and the flights write
// only that form).
import fs from 'node:fs';

const [field, inFile, outFile] = process.argv.slice(2);
if (!outFile) {
  console.error('usage: annotate.mjs FIELD IN.jsonl OUT.jsonl');
  process.exit(2);
}

const TS = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/;
/** Epoch milliseconds of 'YYYY-MM-DD HH:MM:SS[.fff]' (UTC). */
function epochMs(s, line) {
  const m = typeof s === 'string' ? TS.exec(s) : null;
  if (!m) {
    console.error(`annotate: ${inFile}:${line}: ${field} is not a timestamp: ${JSON.stringify(s)}`);
    process.exit(1);
  }
  const [, y, mo, d, h, mi, sec, frac = '0'] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Number(frac.padEnd(3, '0')));
  // Date.UTC maps years 0..99 to 1900..1999; no input here has them
  if (+y < 100) throw new Error(`annotate: year ${y} not supported`);
  return ms;
}

const lines = fs.readFileSync(inFile, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const out = [];
let max = null;
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  const brace = line.indexOf('{');
  if (brace < 0 || line.slice(0, brace).trim() !== '') {
    console.error(`annotate: ${inFile}:${i + 1}: not a JSON object`);
    process.exit(1);
  }
  const ts = epochMs(JSON.parse(line)[field], i + 1);
  const rest = line.slice(brace + 1).trimStart();
  const sep = rest.startsWith('}') ? '' : ',';
  out.push(`{"_rn":${i},"_max":${max === null ? 'null' : max}${sep}${rest}\n`);
  if (max === null || ts > max) max = ts;
}
fs.writeFileSync(outFile, out.join(''));
