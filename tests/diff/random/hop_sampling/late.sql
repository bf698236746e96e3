-- records in no window: the last 40 s of each minute
SELECT count(*) AS late
FROM read_json('{{events}}', format = 'newline_delimited', columns = {'ts': 'TIMESTAMP'})
WHERE epoch_ms(ts) - win_start(epoch_ms(ts), 60000, 0) >= 20000;
