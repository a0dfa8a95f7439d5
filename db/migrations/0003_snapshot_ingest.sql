-- Faster full-chain ingest (see libs/store/src/snapshot_repository.cpp, insert()).
--
-- 1. Snapshot payloads are compressed with lz4 instead of pglz: a full SPX chain (~12 MB as
--    JSONB) took pglz ~70 ms of the insert and takes lz4 a few, for ~20% more bytes on disk
--    (1.9 MB vs 1.5 MB). Rows stored before keep pglz; both read the same. A server built without
--    lz4 keeps pglz (the migration still applies).
DO $$
BEGIN
  ALTER TABLE chain_snapshots ALTER COLUMN payload_json SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 not available: chain_snapshots.payload_json stays pglz';
END
$$;

-- 2. The set of instruments a snapshot holds, as SHA-256 hex over its OCC symbols sorted bytewise
--    and joined by newlines. A snapshot's instruments are added to option_instruments in its own
--    transaction, so when a stored snapshot already has the same digest there is nothing to add:
--    the insert skips the 20k conflict checks, which is the common case within a session.
--    NULL for snapshots stored before this migration.
ALTER TABLE chain_snapshots ADD COLUMN instruments_digest text;
CREATE INDEX chain_snapshots_instruments_digest_idx ON chain_snapshots (instruments_digest);
