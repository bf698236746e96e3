CREATE TABLE IF NOT EXISTS bids (
  auction BIGINT NOT NULL, price BIGINT, ts TIMESTAMP(3) WITH LOCAL TIME ZONE,
  `date` DATE, extra STRING, PRIMARY KEY (auction) NOT ENFORCED,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'bids', 'scan.startup.mode' = 'earliest-offset');
INSERT INTO hot SELECT auction, window_start, window_end, MAX(price)
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '2' SECONDS, INTERVAL '10' SECONDS))
GROUP BY auction, window_start, window_end;
