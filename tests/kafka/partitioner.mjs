#!/usr/bin/env node
// partitioner.mjs - are the keys of a topic on the partitions the Java
// client's default partitioner gives them? (tests/kafka/run.sh case
// kafka/upsert/java-partitioner)
//
//   node tests/kafka/partitioner.mjs TOPIC.tsv PARTITIONS
//
// TOPIC.tsv: "PARTITION<TAB>KEY<TAB>VALUE" lines (kcat -f '%p\t%k\t%s\n').
// Kafka's Java producer (and so Flink's upsert-kafka sink, Kafka Streams,
// ksqlDB) puts a keyed record on toPositive(murmur2(key bytes)) % PARTITIONS.
// Writers of one upsert topic must agree on it: a key written to two
// partitions loses the order of its changes and survives compaction twice,
// and joins need co-partitioned topics. Prints how many keys are elsewhere
// (with examples) and exits 1 when any is.
import fs from 'node:fs';

const [file, partsArg] = process.argv.slice(2);
const parts = Number(partsArg);
if (!file || !(parts > 0)) {
  console.error('usage: partitioner.mjs TOPIC.tsv PARTITIONS');
  process.exit(2);
}

// org.apache.kafka.common.utils.Utils.murmur2
function murmur2(buf) {
  const m = 0x5bd1e995;
  const len = buf.length;
  let h = (0x9747b28c ^ len) | 0;
  const end = len & ~3;
  for (let i = 0; i < end; i += 4) {
    let k = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  switch (len & 3) {
    case 3:
      h ^= buf[end + 2] << 16;
    // falls through
    case 2:
      h ^= buf[end + 1] << 8;
    // falls through
    case 1:
      h ^= buf[end];
      h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h;
}

const seen = new Map();
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (!line) continue;
  const [p, key] = line.split('\t');
  if (key === undefined || key === 'NULL' || seen.has(key)) continue;
  seen.set(key, Number(p));
}
const wrong = [];
for (const [key, p] of seen) {
  const want = (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % parts;
  if (want !== p) wrong.push(`${key} on partition ${p}, the Java client's: ${want}`);
}
console.log(`partitioner: ${seen.size} keys, ${wrong.length} not on murmur2(key) % ${parts}`);
for (const w of wrong.slice(0, 3)) console.log(`  ${w}`);
process.exit(wrong.length ? 1 : 0);
