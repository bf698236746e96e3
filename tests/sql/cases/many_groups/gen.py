# Writes ev.jsonl, sec.jsonl and expected/*.jsonl for this case (see
# query.sql for the rules). Run: python3 gen.py
import datetime
def ts(sec):
    t = datetime.datetime(2024, 1, 1) + datetime.timedelta(seconds=sec)
    return t.strftime('%Y-%m-%d %H:%M:%S')
ev, pk = [], []
for i in range(300):
    n = i % 3 + 1
    for _ in range(n):
        ev.append('{"k":"k%d","v":%d,"ts":"%s"}' % (i, i, ts(1)))
    pk.append('{"k":"k%d","n":%d,"s":%d}' % (i, n, i * n))
for i in reversed(range(300)):
    ev.append('{"k":"k%d","v":1,"ts":"%s"}' % (i, ts(12)))
    pk.append('{"k":"k%d","n":1,"s":1}' % i)
sec = ['{"v":%d,"ts":"%s"}' % (j, ts((j * 7) % 400)) for j in range(400)]
ps = ['{"ws":"%s.000","v":%d}' % (ts(t), (t * 343) % 400) for t in range(400)]
for name, lines in [('ev.jsonl', ev), ('sec.jsonl', sec), ('expected/per_key.jsonl', pk),
                    ('expected/per_second.jsonl', ps)]:
    open(name, 'w').write('\n'.join(lines) + '\n')
