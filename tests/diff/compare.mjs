#!/usr/bin/env node
// compare.mjs - are two JSON-lines files equal as multisets of rows?
//
//   node tests/diff/compare.mjs [--show N] EXPECTED.jsonl ACTUAL.jsonl
//
// Exit 0 and print "equal: N rows" when they are; exit 1 and print the first
// N (default 5) rows found only on each side otherwise; exit 2 on unreadable
// input. Row order does not matter; key names and key order do (both sides
// follow the sink's column order).
//
// Values: strings, booleans and null compare exactly; integers compare
// exactly (also beyond 2^53); other numbers are equal when
// |a - b| <= 1e-9 * max(|a|, |b|) (or both are within 1e-12 of 0).
// A column is "approximate" when any of its values, on either side, is a
// non-integer number; rows are matched on their exact columns first and then,
// within equal exact parts, on the approximate columns in sorted order.
import fs from 'node:fs';

const REL = 1e-9;
const ABS = 1e-12;

// ---- reading ----------------------------------------------------------------
// JSON.parse is fast but rounds integers beyond 2^53; lines with a run of 16+
// digits go through a small parser that keeps such integers as BigInt.
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Parses one JSON text, big integers as BigInt. Throws on invalid JSON. */
function parseExact(s) {
  let i = 0;
  const ws = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i])) i++;
  };
  const fail = (what) => {
    throw new Error(`${what} at column ${i + 1}`);
  };
  function value() {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      const obj = {};
      ws();
      if (s[i] === '}') return i++, obj;
      for (;;) {
        ws();
        if (s[i] !== '"') fail('expected a key');
        const k = string();
        ws();
        if (s[i++] !== ':') fail("expected ':'");
        obj[k] = value();
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === '}') return i++, obj;
        else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr = [];
      ws();
      if (s[i] === ']') return i++, arr;
      for (;;) {
        arr.push(value());
        ws();
        if (s[i] === ',') i++;
        else if (s[i] === ']') return i++, arr;
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (m) {
      i += m[0].length;
      if (m[2] || m[3]) return Number(m[0]);
      const b = BigInt(m[0]);
      return b >= Number.MIN_SAFE_INTEGER && b <= Number.MAX_SAFE_INTEGER ? Number(b) : b;
    }
    for (const [lit, v] of [['true', true], ['false', false], ['null', null]]) {
      if (s.startsWith(lit, i)) return (i += lit.length), v;
    }
    fail('unexpected character');
  }
  function string() {
    const start = i++;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    if (i >= s.length) fail('unterminated string');
    i++;
    return JSON.parse(s.slice(start, i));
  }
  const v = value();
  ws();
  if (i !== s.length) fail('trailing characters');
  return v;
}

const BIG_DIGITS = /\d{16,}/;
const isNonInt = (v) => typeof v === 'number' && !Number.isInteger(v);

/** Canonical text of a value for exact comparison. */
function canon(v) {
  try {
    return JSON.stringify(v); // throws on BigInt
  } catch {
    return JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  }
}

function readRows(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`compare: ${e.message}`);
    process.exit(2);
  }
  const rows = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    let v;
    try {
      v = BIG_DIGITS.test(line) ? parseExact(line) : JSON.parse(line);
    } catch (e) {
      console.error(`compare: ${file}:${n + 1}: invalid JSON: ${e.message}`);
      process.exit(2);
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      console.error(`compare: ${file}:${n + 1}: not a JSON object`);
      process.exit(2);
    }
    const keys = Object.keys(v);
    rows.push({ line, keys: keys.join('\u0001'), vals: keys.map((k) => v[k]) });
  }
  return rows;
}

/** Approximate equality of two values of an approximate column. */
function approxEq(a, b) {
  if (typeof a === 'number' && typeof b === 'number') {
    const x = a;
    const y = b;
    if (x === y) return true;
    if (Math.abs(x) <= ABS && Math.abs(y) <= ABS) return true;
    return Math.abs(x - y) <= REL * Math.max(Math.abs(x), Math.abs(y));
  }
  return canon(a) === canon(b);
}

/** Total order for sorting approximate values: null < numbers < the rest. */
function approxCmp(a, b) {
  const rank = (v) => (v === null ? 0 : typeof v === 'number' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number') return a - b;
  const ca = canon(a);
  const cb = canon(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

// ---- main -------------------------------------------------------------------
const args = process.argv.slice(2);
let show = 5;
if (args[0] === '--show') {
  show = Number(args[1]);
  args.splice(0, 2);
}
if (args.length !== 2) {
  console.error('usage: compare.mjs [--show N] EXPECTED.jsonl ACTUAL.jsonl');
  process.exit(2);
}
const [fileA, fileB] = args;
const A = readRows(fileA);
const B = readRows(fileB);

// Key names and order must be the same on every row of both sides.
const keysOf = (r) => JSON.stringify(r.keys.split('\u0001'));
const shapes = new Set();
for (const rows of [A, B]) for (const r of rows) shapes.add(r.keys);
if (shapes.size > 1) {
  const a = A.find(Boolean);
  const b = B.find((r) => !a || keysOf(r) !== keysOf(a)) ?? B[0];
  console.log(`columns differ: ${fileA}: ${a ? keysOf(a) : '(no rows)'}  ${fileB}: ${b ? keysOf(b) : '(no rows)'}`);
  process.exit(1);
}

const ncols = (A[0] ?? B[0])?.vals.length ?? 0;
const approx = [];
for (let c = 0; c < ncols; c++) {
  approx.push(A.some((r) => isNonInt(r.vals[c])) || B.some((r) => isNonInt(r.vals[c])));
}
for (const rows of [A, B]) for (const r of rows) r.av = r.vals.filter((_, c) => approx[c]);
const exactKey = (r) => canon(r.vals.map((v, c) => (approx[c] ? 0 : v)));
const cmpRows = (x, y) => {
  for (let i = 0; i < x.av.length; i++) {
    const d = approxCmp(x.av[i], y.av[i]);
    if (d !== 0) return d;
  }
  return 0;
};
const eqRows = (x, y) => x.av.every((v, i) => approxEq(v, y.av[i]));

const groups = new Map(); // exact key -> [rows of A, rows of B]
for (const [side, rows] of [[0, A], [1, B]]) {
  for (const r of rows) {
    const k = exactKey(r);
    if (!groups.has(k)) groups.set(k, [[], []]);
    groups.get(k)[side].push(r);
  }
}
const onlyA = [];
const onlyB = [];
for (const [ga, gb] of groups.values()) {
  ga.sort(cmpRows);
  gb.sort(cmpRows);
  let i = 0;
  let j = 0;
  while (i < ga.length && j < gb.length) {
    if (eqRows(ga[i], gb[j])) i++, j++;
    else if (cmpRows(ga[i], gb[j]) < 0) onlyA.push(ga[i++]);
    else onlyB.push(gb[j++]);
  }
  onlyA.push(...ga.slice(i));
  onlyB.push(...gb.slice(j));
}

if (onlyA.length === 0 && onlyB.length === 0) {
  console.log(`equal: ${A.length} rows`);
  process.exit(0);
}
console.log(`differ: ${fileA}: ${A.length} rows, ${onlyA.length} unmatched; ${fileB}: ${B.length} rows, ${onlyB.length} unmatched`);
const sortLines = (rows) => rows.map((r) => r.line).sort();
for (const [file, rows] of [[fileA, onlyA], [fileB, onlyB]]) {
  if (rows.length === 0) continue;
  console.log(`only in ${file}:`);
  for (const l of sortLines(rows).slice(0, show)) console.log(`  ${l}`);
  if (rows.length > show) console.log(`  ... ${rows.length - show} more`);
}
process.exit(1);
