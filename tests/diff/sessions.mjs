#!/usr/bin/env node
// sessions.mjs - which session each record of a stream ends up in, with
// late records, for the oracle of SESSION windows over out-of-order input.
//
//   node tests/diff/sessions.mjs --ts FIELD [--key F1,F2...] --gap MS --delay MS
//        [--lateness MS] IN.jsonl OUT.jsonl
//
// A session cannot be found from the rows alone once records are late: a
// record that comes after its neighbours' session fired starts a session of
// its own, or is dropped, so the streaming result is not the batch result
// over the kept rows. This replays the stream record by record with Flink's
// merging-window rules (WindowOperator with MergingWindowSet; the window TVF
// SESSION's UnsliceAssigners.SessionUnsliceAssigner does the same) and
// writes each line of IN with two fields in front:
//   "_sid": the id of the session the record ends in (after every merge),
//           null when the record was dropped as late
//   "_late": true when dropped
// The oracle then aggregates GROUP BY _sid: a session's window_start is the
// least ts of its records and its window_end the greatest + gap.
//
// Rules (per key; keys are the fields' JSON values, missing = null):
//   - the record's window is [ts, ts + gap); it merges with every session in
//     state that it intersects: start <= ts + gap and end >= ts (Flink's
//     TimeWindow.intersects, inclusive: records exactly gap apart share a
//     session), the merged window spanning them all
//   - the watermark W before a record is the largest ts before it minus the
//     delay (record by record; -infinity before the first)
//   - a session is in state while end - 1 + lateness > W: it fires when W
//     reaches end - 1 and is kept for the allowed lateness after that
//   - a record that merges with no session in state is late when its own
//     window is already past: ts + gap - 1 + lateness <= W (Flink's
//     isWindowLate on the merged window; a merged window that holds a
//     session in state is never past)
import fs from 'node:fs';

function usage() {
  console.error(
    'usage: sessions.mjs --ts FIELD [--key F1,F2...] --gap MS --delay MS [--lateness MS] IN.jsonl OUT.jsonl',
  );
  process.exit(2);
}
const args = process.argv.slice(2);
const opt = { key: '', lateness: '0' };
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('--')) {
    if (i + 1 >= args.length) usage();
    opt[args[i].slice(2)] = args[++i];
  } else files.push(args[i]);
}
if (files.length !== 2 || !opt.ts || !opt.gap || !opt.delay) usage();
const [inFile, outFile] = files;
const keys = opt.key ? opt.key.split(',') : [];
const gap = Number(opt.gap);
const delay = Number(opt.delay);
const lateness = Number(opt.lateness);
if (![gap, delay, lateness].every((n) => Number.isInteger(n) && n >= 0) || gap <= 0) usage();

const TS = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/;
function epochMs(s, line) {
  const m = typeof s === 'string' ? TS.exec(s) : null;
  if (!m || +m[1] < 100) {
    console.error(`sessions: ${inFile}:${line}: ${opt.ts} is not a timestamp: ${JSON.stringify(s)}`);
    process.exit(1);
  }
  const [, y, mo, d, h, mi, sec, frac = '0'] = m;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Number(frac.padEnd(3, '0')));
}

// Sessions merge: a union-find over session ids gives each record's final one.
const parent = [];
const find = (x) => {
  while (parent[x] !== x) x = parent[x] = parent[parent[x]];
  return x;
};

const lines = fs.readFileSync(inFile, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const state = new Map(); // key -> [{id, start, end}] (sessions in state)
const sid = new Array(lines.length);
let wm = -Infinity;
let late = 0;
for (let i = 0; i < lines.length; i++) {
  const rec = JSON.parse(lines[i]);
  const ts = epochMs(rec[opt.ts], i + 1);
  const key = JSON.stringify(keys.map((k) => rec[k] ?? null));
  const live = (state.get(key) ?? []).filter((s) => s.end - 1 + lateness > wm);
  const ne = ts + gap;
  const hits = live.filter((s) => s.start <= ne && s.end >= ts);
  if (hits.length === 0 && ne - 1 + lateness <= wm) {
    sid[i] = null;
    late++;
  } else {
    let m;
    if (hits.length === 0) {
      m = { id: parent.length, start: ts, end: ne };
      parent.push(m.id);
    } else {
      m = { id: hits[0].id, start: Math.min(ts, ...hits.map((s) => s.start)), end: Math.max(ne, ...hits.map((s) => s.end)) };
      for (const s of hits.slice(1)) parent[s.id] = m.id;
    }
    state.set(key, [...live.filter((s) => !hits.includes(s)), m]);
    sid[i] = m.id;
  }
  wm = Math.max(wm, ts - delay);
}

const out = lines.map((line, i) => {
  const rest = line.slice(line.indexOf('{') + 1).trimStart();
  const s = sid[i] === null ? 'null' : find(sid[i]);
  return `{"_sid":${s},"_late":${sid[i] === null}${rest.startsWith('}') ? '' : ','}${rest}\n`;
});
fs.writeFileSync(outFile, out.join(''));
console.error(`sessions: ${lines.length} records, ${parent.length} sessions opened, ${late} late`);
