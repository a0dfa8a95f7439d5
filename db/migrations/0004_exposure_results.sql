-- Exposure reports computed after each full-chain snapshot, one row per snapshot and scope, so
-- levels over time (GET /api/exposure/history) read stored results instead of recomputing.
-- (0003 is reserved for the snapshot-ingest tuning migration.)
CREATE TABLE exposure_results (
  snapshot_id  bigint       NOT NULL REFERENCES chain_snapshots (snapshot_id) ON DELETE CASCADE,
  scope        text         NOT NULL,              -- "all", "0dte", "bucket:3", "opex", ...
  underlying   text         NOT NULL,
  ts           timestamptz  NOT NULL,              -- the snapshot's ts
  computed_at  timestamptz  NOT NULL DEFAULT now(),
  parameters   jsonb        NOT NULL,
  levels       jsonb        NOT NULL,
  report       jsonb        NOT NULL,
  PRIMARY KEY (snapshot_id, scope)
);
CREATE INDEX exposure_results_history_idx ON exposure_results (underlying, scope, ts);
