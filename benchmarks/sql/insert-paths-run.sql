-- One repetition of the insert-paths comparison (docs/benchmarks.md, issue 13): the same 5,000 rows written three ways, each
-- rolled back so every repetition starts from the same table. Times: the INSERT lines and the COPY line of psql's \timing.
\timing on
BEGIN; INSERT INTO fe ("ProjectId","EventId","TraceId","Timestamp","Kind","Value") SELECT * FROM unnest((SELECT ap FROM arr),(SELECT ae FROM arr),(SELECT at FROM arr),(SELECT ats FROM arr),(SELECT ak FROM arr),(SELECT av FROM arr)) ON CONFLICT ("ProjectId","EventId") DO NOTHING RETURNING "EventId" \g /dev/null
ROLLBACK;
BEGIN; SAVEPOINT s; INSERT INTO fe ("ProjectId","EventId","TraceId","Timestamp","Kind","Value") SELECT * FROM unnest((SELECT ap FROM arr),(SELECT ae FROM arr),(SELECT at FROM arr),(SELECT ats FROM arr),(SELECT ak FROM arr),(SELECT av FROM arr)); RELEASE SAVEPOINT s; ROLLBACK;
BEGIN; COPY fe ("ProjectId","EventId","TraceId","Timestamp","Kind","Value") FROM '/tmp/exp/rows.bin' (FORMAT binary); ROLLBACK;
