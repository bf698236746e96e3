-- expect: checkpoints_dir_remote.sql:3:31: error: 'state.checkpoints.dir' must be a local directory ('/var/lib/q' or 'file:///var/lib/q'), not 's3://bucket/ckpt'
-- One process keeps its checkpoints on a local disk.
SET 'state.checkpoints.dir' = 's3://bucket/ckpt';
CREATE TABLE ev (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl');
CREATE TABLE dst (a BIGINT) WITH ('connector' = 'print');
INSERT INTO dst SELECT a FROM ev;
