#!/usr/bin/env node
// gen.mjs - seeded random input for the differential tests.
//
//   node tests/diff/gen.mjs [--late] SEED COUNT OUT.jsonl
//
// Writes COUNT JSON lines for the source
//   events (ts TIMESTAMP(3), k STRING, a BIGINT, b INT, x DOUBLE, flag BOOLEAN,
//           WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
// with what real producers send and decoders get wrong: NULLs and missing
// fields, negative numbers, unicode strings (sometimes \u-escaped), escapes,
// keys in random order, unknown fields (nested objects and arrays, strings
// full of braces) that must be skipped, and timestamps out of order that
// cross 1970-01-01 (negative epoch milliseconds).
//
// Time goes on by 0-2 s a record, and by 1-5 min more after one record in
// 500 (idle gaps: the records just after one, a little out of order, fall
// into windows nothing had opened yet).
//
// No record is late. Each record's ts is base - jitter, where base never
// decreases and 0 <= jitter <= 4000 ms < the 5 s watermark delay. Every ts
// seen before is <= its own base <= the current base, so the watermark just
// before a record is at most base - 5000 < ts <= (end of ts's window) - 1:
// the record's window has not fired yet.
//
// With --late the disorder is larger than the watermark delay, so that some
// records are late (tests/diff/late/). Jitter is 0 for half the records; up
// to 4 s for a quarter (late only behind a record moved forward onto a
// boundary, below); 5-15 s for 15%: at most 10 s behind the watermark, so a
// window such a record is late for ended at most 10 s before and a 10 s
// allowed lateness takes it; 15 s-2 min for 10%: late beyond such a
// lateness for short windows. One record in 20 has its ts moved onto a 10 s
// boundary (x0.000, x4.999, x5.000 or x9.999 seconds), so that watermarks
// (ts - 5 s) and window ends (multiples of 10 s) meet exactly and the
// "watermark reached end - 1 ms" edge is hit in both directions. The oracle
// decides lateness by itself (annotate.mjs, sessions.mjs); the generator
// only makes it happen.
//
// Value ranges keep the comparison exact: b is never 0 (integer division),
// x is a multiple of 0.25 with |x| <= 10000 (sums of doubles are exact in any
// order), strings stay in the Basic Multilingual Plane (Flink counts UTF-16
// units, DuckDB code points) and avoid letters whose case mapping is not
// one-to-one or depends on context (German sharp s, final sigma, dotted I).
import fs from 'node:fs';

const argv = process.argv.slice(2);
const late = argv[0] === '--late';
if (late) argv.shift();
const [seedArg, countArg, outFile] = argv;
if (!outFile || argv.length !== 3 || !/^\d+$/.test(seedArg) || !/^\d+$/.test(countArg)) {
  console.error('usage: gen.mjs [--late] SEED COUNT OUT.jsonl');
  process.exit(2);
}
const seed = Number(seedArg) >>> 0;
const count = Number(countArg);

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(seed);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[int(0, arr.length - 1)];
const chance = (p) => rnd() < p;

const KEYS = [
  'alpha', 'beta', 'Gamma', 'DELTA', 'naïve café', 'Ünïcödé', 'ñandú', 'École',
  'Ωmega', 'αβγ', 'дом', 'Москва', '東京', '数据流', 'ключ-42', 'mixed Case 9',
  ' spaced ', '  lead', 'trail  ', '', 'x', 'tab\there', 'quote"d', 'back\\slash',
  'brace}{', 'semi;colon', 'new\nline', 'émoji-free ☃', 'ÀÉÎÕÜ', 'ÿ',
];
const EXTRAS = [
  () => ['extra', { nested: [1, 2, { s: 'x}]' }], t: null, f: 1.5e3 }],
  () => ['note', 'a "quoted" }{ string with \\ and ] ['],
  () => ['tags', ['a', [], {}, true, false, null, -0.5]],
  () => ['n', int(-1e9, 1e9)],
  () => ['empty', {}],
];

/** A JSON string literal, escaping non-ASCII as \uXXXX at random. */
function jstr(s) {
  if (!chance(0.3)) return JSON.stringify(s);
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += JSON.stringify(ch).slice(1, -1);
  }
  return `${out}"`;
}

/** A JSON number for x (a multiple of 0.25), in one of several spellings. */
function jdouble(x) {
  if (Number.isInteger(x) && chance(0.3)) return `${x}.0`;
  if (chance(0.1)) return x.toExponential();
  return String(x);
}

/** 'YYYY-MM-DD HH:MM:SS.fff' (UTC) of epoch milliseconds. */
function ts(ms) {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

const out = [];
let base = Date.UTC(1969, 11, 31, 22, 0, 0); // crosses the epoch after 2 h
for (let i = 0; i < count; i++) {
  base += int(0, 2000);
  // now and then an idle gap of 1-5 min (one record in 500): windows in it
  // hold nothing until a record out of order falls into one, and an
  // operator must judge it by the watermark, not by the windows it happens
  // to have opened or fired
  if (chance(0.002)) base += int(60000, 300000);
  let t;
  if (!late) {
    t = base - (chance(0.6) ? 0 : int(0, 4000));
  } else {
    const r = rnd();
    t = base - (r < 0.5 ? 0 : r < 0.75 ? int(0, 4000) : r < 0.9 ? int(5000, 15000) : int(15000, 120000));
    if (chance(0.05)) {
      // onto a 10 s boundary (floor division: also before 1970)
      const ten = t - (((t % 10000) + 10000) % 10000);
      t = ten + pick([0, 4999, 5000, 9999]);
    }
  }
  const fields = [['ts', JSON.stringify(ts(t))]];
  const opt = (name, nullP, missingP, gen) => {
    if (chance(missingP)) return;
    fields.push([name, chance(nullP) ? 'null' : gen()]);
  };
  opt('k', 0.05, 0.02, () => jstr(pick(KEYS)));
  opt('a', 0.08, 0.02, () => String(chance(0.02) ? pick([-1, 1]) * int(1, 2 ** 40) : int(-1e6, 1e6)));
  opt('b', 0.05, 0.02, () => String(pick([-1, 1]) * int(1, 9)));
  opt('x', 0.1, 0.02, () => jdouble(int(-40000, 40000) / 4));
  opt('flag', 0.1, 0.02, () => (chance(0.5) ? 'true' : 'false'));
  if (chance(0.3)) {
    const [name, v] = pick(EXTRAS)();
    fields.push([name, JSON.stringify(v)]);
  }
  for (let j = fields.length - 1; j > 0; j--) {
    const r = int(0, j);
    [fields[j], fields[r]] = [fields[r], fields[j]];
  }
  const sp = chance(0.2) ? ' ' : '';
  out.push(`{${fields.map(([n, v]) => `"${n}":${sp}${v}`).join(`,${sp}`)}}\n`);
}
fs.writeFileSync(outFile, out.join(''));
console.error(`gen: seed ${seed}: ${count} records -> ${outFile}`);
