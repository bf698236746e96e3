#!/usr/bin/env node
// changelog.mjs - folds a changelog into the table it describes, for the
// kafka suite's upsert and debezium checks (tests/kafka/run.sh).
//
//   node tests/kafka/changelog.mjs FORMAT IN OUT
//
// FORMAT:
//   print     sluice's print sink: lines "+I {row}", "-U {row}", "+U {row}",
//             "-D {row}"; +I/+U add the row, -U/-D take one copy of it back
//   debezium  debezium-json lines {"before": row|null, "after": row|null,
//             "op": "c"|"r"|"u"|"d"}: c/r add after, u takes before back
//             and adds after, d takes before back
//   upsert    a topic read with `kcat -C -Z -f '%p\t%k\t%s\n'`: lines
//             "PARTITION<TAB>KEY<TAB>VALUE" where VALUE is NULL for a
//             tombstone; the table is the last value per key, a tombstone
//             deletes the key. Every key must stay on one partition (else the
//             order of its changes is lost): checked here.
//
// Writes the final rows to OUT, one JSON text per line in the order of
// their first appearance (compare them as multisets: tests/diff/compare.mjs).
// Rows are compared by their exact text: sluice writes a row the same way
// every time, so a retraction must repeat the text of the row it takes
// back. A retraction of a row that is not in the table (a changelog that is
// not consistent with itself), or a line that cannot be read, is an error:
// exit 1 with the line number. Prints one summary line on stderr.
import fs from 'node:fs';

const [format, inFile, outFile] = process.argv.slice(2);
if (!['print', 'debezium', 'upsert'].includes(format) || !inFile || !outFile) {
  console.error('usage: changelog.mjs print|debezium|upsert IN OUT');
  process.exit(2);
}

function die(lineNo, msg) {
  console.error(`changelog: ${inFile}:${lineNo}: ${msg}`);
  process.exit(1);
}

const lines = fs.readFileSync(inFile, 'utf8').split('\n');
if (lines.length && lines[lines.length - 1] === '') lines.pop();

// print and debezium: a multiset of row texts (value: copies).
const rows = new Map();
const add = (row) => rows.set(row, (rows.get(row) || 0) + 1);
const takeBack = (row, lineNo) => {
  const n = rows.get(row);
  if (!n) die(lineNo, `retracts a row that is not in the table: ${row}`);
  if (n === 1) rows.delete(row);
  else rows.set(row, n - 1);
};

// upsert: key text -> value text, and key text -> partition.
const table = new Map();
const partOf = new Map();
let tombstones = 0;
let moved = 0;

lines.forEach((line, i) => {
  const lineNo = i + 1;
  if (format === 'print') {
    const m = /^([+-][IUD]) (\{.*\})$/.exec(line);
    if (!m) die(lineNo, `not a print changelog line: ${line}`);
    if (m[1] === '+I' || m[1] === '+U') add(m[2]);
    else if (m[1] === '-U' || m[1] === '-D') takeBack(m[2], lineNo);
    else die(lineNo, `unknown row kind ${m[1]}`);
  } else if (format === 'debezium') {
    let c;
    try {
      c = JSON.parse(line);
    } catch (e) {
      die(lineNo, `not JSON: ${e.message}`);
    }
    const text = (r) => JSON.stringify(r);
    if (c.op === 'c' || c.op === 'r') {
      if (!c.after) die(lineNo, `"${c.op}" without "after"`);
      add(text(c.after));
    } else if (c.op === 'u') {
      if (!c.before || !c.after) die(lineNo, '"u" without "before" and "after"');
      takeBack(text(c.before), lineNo);
      add(text(c.after));
    } else if (c.op === 'd') {
      if (!c.before) die(lineNo, '"d" without "before"');
      takeBack(text(c.before), lineNo);
    } else {
      die(lineNo, `unknown op ${JSON.stringify(c.op)}`);
    }
  } else {
    const f = line.split('\t');
    if (f.length !== 3) die(lineNo, `want PARTITION<TAB>KEY<TAB>VALUE, got: ${line}`);
    const [p, key, value] = f;
    if (key === 'NULL' || key === '') die(lineNo, 'a message without a key');
    const before = partOf.get(key);
    if (before === undefined) partOf.set(key, p);
    else if (before !== p) {
      moved++;
      if (moved <= 5) console.error(`changelog: key ${key} on partitions ${before} and ${p}`);
    }
    if (value === 'NULL') {
      tombstones++;
      table.delete(key);
    } else {
      table.set(key, value);
    }
  }
});

let out = [];
if (format === 'upsert') {
  out = [...table.values()];
} else {
  for (const [row, n] of rows) for (let k = 0; k < n; k++) out.push(row);
}
fs.writeFileSync(outFile, out.map((r) => r + '\n').join(''));
if (format === 'upsert') {
  console.error(
    `changelog: ${lines.length} messages, ${partOf.size} keys, ${tombstones} tombstones, ` +
      `${out.length} rows, ${moved} messages on another partition than their key's first`,
  );
  if (moved) process.exit(1);
} else {
  console.error(`changelog: ${lines.length} changes, ${out.length} rows`);
}
