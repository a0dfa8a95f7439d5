-- Snapshot storage: full-chain snapshots, idempotent inserts (spool replays), normalized
-- per-contract quotes partitioned by month, index prices for realized volatility, job slots.

ALTER TABLE chain_snapshots
  ADD COLUMN kind text NOT NULL DEFAULT 'target' CHECK (kind IN ('target', 'full_chain')),
  ADD COLUMN snapshot_key uuid,                    -- chosen when the snapshot is taken; a spooled
                                                   -- snapshot replayed twice lands once
  ADD COLUMN as_of timestamptz,                    -- the vendor's own data time, when it says
  ADD COLUMN contract_count integer NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX chain_snapshots_key_idx ON chain_snapshots (snapshot_key);
CREATE INDEX chain_snapshots_kind_ts_idx ON chain_snapshots (underlying, kind, ts DESC);

-- One row per contract per snapshot, written with COPY in the snapshot's transaction.
-- Partitioned by month of ts; the service creates each month's partition before writing to it
-- and the default partition only catches what nothing else does.
CREATE TABLE option_quotes (
  snapshot_id        bigint        NOT NULL,
  ts                 timestamptz   NOT NULL,
  occ_symbol         text          NOT NULL,
  root               text          NOT NULL,
  underlying         text          NOT NULL,
  expiration         date          NOT NULL,
  strike             numeric(14,3) NOT NULL,
  option_type        char(1)       NOT NULL,
  settlement         char(2)       NOT NULL,
  bid                numeric,
  ask                numeric,
  last               numeric,
  bid_size           bigint,
  ask_size           bigint,
  volume             bigint,
  open_interest      bigint,
  vendor_iv          double precision,
  vendor_delta       double precision,
  vendor_gamma       double precision,
  vendor_theta       double precision,
  vendor_vega        double precision,
  vendor_rho         double precision,
  greeks_updated_at  timestamptz,
  quote_time         timestamptz,
  PRIMARY KEY (ts, snapshot_id, occ_symbol)
) PARTITION BY RANGE (ts);
CREATE TABLE option_quotes_default PARTITION OF option_quotes DEFAULT;
CREATE INDEX option_quotes_snapshot_idx ON option_quotes (snapshot_id);

-- Spot/index prints on the snapshot cadence: the input of realized volatility.
CREATE TABLE index_prices (
  underlying  text         NOT NULL,
  ts          timestamptz  NOT NULL,
  price       numeric      NOT NULL,
  provider    text         NOT NULL,
  PRIMARY KEY (underlying, ts)
);

-- Scheduled job slots: the replica that inserts a (job, slot) row runs it; the others skip.
CREATE TABLE job_runs (
  job          text         NOT NULL,
  slot         timestamptz  NOT NULL,
  started_at   timestamptz  NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  outcome      text,
  detail       jsonb,
  PRIMARY KEY (job, slot)
);
