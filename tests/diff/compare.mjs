#!/usr/bin/env node
// compare.mjs - are two JSON-lines files equal as multisets of rows?
//
//   node tests/diff/compare.mjs [--show N] [--changelog] [--tol COL=REL]...
//        [--range COL]... EXPECTED.jsonl ACTUAL.jsonl
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
// non-integer number, or when --tol or --range names it; rows are matched on
// their exact columns first and then, within equal exact parts, on the
// approximate columns in sorted order.
//
// --tol COL=REL     column COL is approximate with relative tolerance REL
//                   instead of 1e-9 (e.g. APPROX_COUNT_DISTINCT, 0.05); its
//                   integers too
// --range COL       EXPECTED holds [LO, HI] for COL (a DuckDB list) and the
//                   ACTUAL number must lie in it, widened by COL's --tol:
//                   LO - REL*|LO| <= v <= HI + REL*|HI| (an approximate
//                   percentile against the exact values at the ranks it may
//                   mean); a NULL matches only NULL
// --changelog       ACTUAL is a changelog: print-sink lines `+I {...}`,
//                   `-U {...}`, `+U {...}`, `-D {...}`, debezium-json lines
//                   {"before":...,"after":...,"op":"c"|"d"}, or plain rows
//                   (inserts). It is applied in order to an empty multiset
//                   (+I/+U/"c" add the row, -U/-D/"d" remove one row equal to
//                   it, exactly: a changelog retracts the very row it emitted)
//                   and the final table is compared with EXPECTED. Retracting
//                   a row that is not there is a difference of its own.
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

/** Parses one line as a JSON object; exits 2 when it is not one. */
function parseObject(text, file, n) {
  let v;
  try {
    v = BIG_DIGITS.test(text) ? parseExact(text) : JSON.parse(text);
  } catch (e) {
    console.error(`compare: ${file}:${n}: invalid JSON: ${e.message}`);
    process.exit(2);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    console.error(`compare: ${file}:${n}: not a JSON object`);
    process.exit(2);
  }
  return v;
}

const rowOf = (v, line) => {
  const keys = Object.keys(v);
  return { line, keys: keys.join('\u0001'), vals: keys.map((k) => v[k]) };
};

function readLines(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n');
  } catch (e) {
    console.error(`compare: ${e.message}`);
    process.exit(2);
  }
}

/**
 * Applies the changelog in FILE to an empty multiset and returns its rows
 * and the changes that retracted a row that was not there (as messages for
 * the report). Rows are matched by their exact JSON text: a changelog
 * retracts the very row it emitted, written the same way (sluice's encoder
 * is deterministic), so only the rows left at the end need parsing.
 */
function readChangelog(file) {
  const table = new Map(); // row text -> count
  const bad = [];
  const lines = readLines(file);
  const add = (text) => table.set(text, (table.get(text) ?? 0) + 1);
  const remove = (text, n, what) => {
    const c = table.get(text);
    if (c === undefined) bad.push(`${file}:${n}: ${what} of a row not in the table: ${text}`);
    else if (c === 1) table.delete(text);
    else table.set(text, c - 1);
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    const kind = line.slice(0, 3);
    if (kind === '+I ' || kind === '+U ') {
      add(line.slice(3));
      continue;
    }
    if (kind === '-U ' || kind === '-D ') {
      remove(line.slice(3), n + 1, kind.trim());
      continue;
    }
    if (/^[+-][A-Z] /.test(line)) {
      console.error(`compare: ${file}:${n + 1}: unknown row kind ${kind.trim()}`);
      process.exit(2);
    }
    const v = parseObject(line, file, n + 1);
    const ks = Object.keys(v);
    if (ks.length === 3 && 'before' in v && 'after' in v && 'op' in v) {
      // debezium-json, as Flink writes it: inserts and update-afters are
      // "c" with after, deletes and update-befores are "d" with before
      // (matched by their canonical text: the envelope is parsed anyway)
      const isObj = (x) => x && typeof x === 'object' && !Array.isArray(x);
      if (v.op === 'c' && v.before === null && isObj(v.after)) add(canon(v.after));
      else if (v.op === 'd' && v.after === null && isObj(v.before)) remove(canon(v.before), n + 1, 'debezium "d"');
      else {
        console.error(`compare: ${file}:${n + 1}: not a debezium-json change Flink writes: ${line}`);
        process.exit(2);
      }
      continue;
    }
    add(line); // a plain row: an insert
  }
  return { table, bad };
}

/** The rows of a table given as row text -> count. */
function tableRows(table, file) {
  const rows = [];
  let n = 0;
  for (const [text, count] of table) {
    const r = rowOf(parseObject(text, file, `(row left: ${++n})`), text);
    for (let i = 0; i < count; i++) rows.push(r);
  }
  return rows;
}

/** Row text -> count of the non-empty lines of a file. */
function lineCounts(file) {
  const m = new Map();
  for (const line of readLines(file)) if (line.trim() !== '') m.set(line, (m.get(line) ?? 0) + 1);
  return m;
}

/** Are two text -> count maps the same multiset? */
function sameCounts(a, b) {
  if (a.size !== b.size) return false;
  for (const [k, c] of a) if (b.get(k) !== c) return false;
  return true;
}

/** Approximate equality of expected value a and actual value b of column c. */
function approxEq(a, b, c) {
  const rel = tolOf(c);
  if (ranged[c] && Array.isArray(a) && a.length === 2 && typeof b === 'number') {
    const [lo, hi] = a;
    return lo - rel * Math.abs(lo) <= b && b <= hi + rel * Math.abs(hi);
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const x = a;
    const y = b;
    if (x === y) return true;
    if (Math.abs(x) <= ABS && Math.abs(y) <= ABS) return true;
    return Math.abs(x - y) <= rel * Math.max(Math.abs(x), Math.abs(y));
  }
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    // integers beyond 2^53 in a --tol column: compare as doubles
    if (['number', 'bigint'].includes(typeof a) && ['number', 'bigint'].includes(typeof b)) {
      return approxEq(Number(a), Number(b), c);
    }
  }
  return canon(a) === canon(b);
}

/** Total order for sorting approximate values: null < numbers < the rest. */
function approxCmp(a, b) {
  const num = (v) => (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' ? v[0] : v);
  a = num(a);
  b = num(b);
  const rank = (v) => (v === null ? 0 : typeof v === 'number' || typeof v === 'bigint' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 1) return a < b ? -1 : a > b ? 1 : 0;
  const ca = canon(a);
  const cb = canon(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

// ---- main -------------------------------------------------------------------
function usage() {
  console.error('usage: compare.mjs [--show N] [--changelog] [--tol COL=REL]... [--range COL]... EXPECTED.jsonl ACTUAL.jsonl');
  process.exit(2);
}
const args = process.argv.slice(2);
let show = 5;
let changelog = false;
const tolByName = new Map();
const rangeNames = new Set();
const files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--show' && i + 1 < args.length) show = Number(args[++i]);
  else if (a === '--changelog') changelog = true;
  else if (a === '--tol' && i + 1 < args.length) {
    const m = /^(.+)=([0-9.eE+-]+)$/.exec(args[++i]);
    if (!m || !(Number(m[2]) >= 0)) usage();
    tolByName.set(m[1], Number(m[2]));
  } else if (a === '--range' && i + 1 < args.length) rangeNames.add(args[++i]);
  else if (a.startsWith('--')) usage();
  else files.push(a);
}
if (files.length !== 2) usage();
const [fileA, fileB] = files;
const say = (n) => console.log(`equal: ${n} rows${changelog ? ' (the changelog applied)' : ''}`);
// Fastest path: the same lines, byte for byte (often so: both sides write
// compact JSON in column order); no ranges, which never are.
const countsA = lineCounts(fileA);
let countsB;
let badChanges = [];
if (changelog) ({ table: countsB, bad: badChanges } = readChangelog(fileB));
else countsB = lineCounts(fileB);
if (rangeNames.size === 0 && badChanges.length === 0 && sameCounts(countsA, countsB)) {
  let n = 0;
  for (const c of countsA.values()) n += c;
  say(n);
  process.exit(0);
}
const A = tableRows(countsA, fileA);
const B = tableRows(countsB, fileB);

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

const names = (A[0] ?? B[0])?.keys.split('\u0001') ?? [];
const ncols = names.length;
for (const n of [...tolByName.keys(), ...rangeNames]) {
  if ((A.length || B.length) && !names.includes(n)) {
    console.error(`compare: --tol/--range column '${n}' is not a column (${names.join(', ')})`);
    process.exit(2);
  }
}
const tols = names.map((n) => tolByName.get(n));
const tolOf = (c) => tols[c] ?? REL;
const ranged = names.map((n) => rangeNames.has(n));
const approx = [];
for (let c = 0; c < ncols; c++) {
  approx.push(
    tols[c] !== undefined || ranged[c] || A.some((r) => isNonInt(r.vals[c])) || B.some((r) => isNonInt(r.vals[c])),
  );
}
// Fast path: the two sides are equal value for value (doubles too, as
// they mostly are). Ranges never are, so they take the path below.
if (!ranged.includes(true) && badChanges.length === 0 && A.length === B.length) {
  const net = new Map();
  for (const r of A) {
    const k = canon(r.vals);
    net.set(k, (net.get(k) ?? 0) + 1);
  }
  let same = true;
  for (const r of B) {
    const k = canon(r.vals);
    const c = net.get(k);
    if (!c) {
      same = false;
      break;
    }
    net.set(k, c - 1);
  }
  if (same) {
    say(A.length);
    process.exit(0);
  }
}

const approxCols = approx.map((a, c) => (a ? c : -1)).filter((c) => c >= 0);
for (const rows of [A, B]) for (const r of rows) r.av = approxCols.map((c) => r.vals[c]);
const exactKey = (r) => canon(r.vals.map((v, c) => (approx[c] ? 0 : v)));
const cmpRows = (x, y) => {
  for (let i = 0; i < x.av.length; i++) {
    const d = approxCmp(x.av[i], y.av[i]);
    if (d !== 0) return d;
  }
  return 0;
};
const eqRows = (x, y) => x.av.every((v, i) => approxEq(v, y.av[i], approxCols[i]));

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

if (onlyA.length === 0 && onlyB.length === 0 && badChanges.length === 0) {
  say(A.length);
  process.exit(0);
}
const what = changelog ? `${fileB} (changelog applied)` : fileB;
console.log(
  `differ: ${fileA}: ${A.length} rows, ${onlyA.length} unmatched; ${what}: ${B.length} rows, ${onlyB.length} unmatched` +
    (badChanges.length ? `; ${badChanges.length} retractions of rows not in the table` : ''),
);
const sortLines = (rows) => rows.map((r) => r.line).sort();
for (const [file, rows] of [[fileA, onlyA], [what, onlyB]]) {
  if (rows.length === 0) continue;
  console.log(`only in ${file}:`);
  for (const l of sortLines(rows).slice(0, show)) console.log(`  ${l}`);
  if (rows.length > show) console.log(`  ... ${rows.length - show} more`);
}
if (badChanges.length) {
  console.log('retractions of rows not in the table:');
  for (const l of badChanges.slice(0, show)) console.log(`  ${l}`);
  if (badChanges.length > show) console.log(`  ... ${badChanges.length - show} more`);
}
process.exit(1);
