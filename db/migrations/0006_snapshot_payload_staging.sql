-- Staging for snapshot payloads (see libs/store/src/snapshot_repository.cpp, "the payload, parsed
-- into JSONB by a second backend").
--
-- Parsing a full chain's payload into JSONB (~9 MB of text) is the largest single cost of a
-- snapshot insert. While the insert's transaction COPYs the normalized rows, a second pooled
-- connection parses the payload into this table; the transaction then moves the parsed value into
-- chain_snapshots.payload_json and deletes the staging row in the same statement.
--
-- UNLOGGED: a staging row lives for a fraction of a second and is never the only copy of its
-- payload (the inserting process still holds the text), so it is not worth writing to the WAL;
-- the value is WAL-logged once, when it lands in chain_snapshots. Crash recovery empties an
-- unlogged table and standbys do not see it; neither matters here: an insert that finds no staged
-- row sends the payload inline.
--
-- Safe for atomicity: only the insert's own transaction writes chain_snapshots and option_quotes.
-- Nothing reads this table except that transaction, which deletes the row it consumes (or, if it
-- fails, deletes it right after). A row left behind (a failed insert whose cleanup failed too) is
-- swept by the next staging an hour later.
--
-- The service created this table at run time before this migration; IF NOT EXISTS lets those
-- databases migrate cleanly. When the table is missing anyway, staging fails and the insert sends
-- the payload inline, as it does for any staging error.
CREATE UNLOGGED TABLE IF NOT EXISTS snapshot_payload_staging (
  id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at  timestamptz  NOT NULL DEFAULT now(),
  payload     jsonb        NOT NULL
);

-- Compressed as chain_snapshots.payload_json is (0003_snapshot_ingest.sql), the staged datum is
-- copied over without recompression. A server built without lz4 keeps pglz.
DO $$
BEGIN
  ALTER TABLE snapshot_payload_staging ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 not available: snapshot_payload_staging.payload stays pglz';
END
$$;
