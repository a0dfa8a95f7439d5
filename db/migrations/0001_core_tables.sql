-- The original specification's core tables. Timestamps are UTC timestamptz; prices numeric.

-- One stored vendor response (or, for full-chain snapshots, the set of responses for every
-- expiration), checksummed so any later decision can name and verify the exact data it used.
CREATE TABLE chain_snapshots (
  snapshot_id      bigserial PRIMARY KEY,
  ts               timestamptz NOT NULL,
  underlying       text        NOT NULL,
  target_dte       integer,                 -- NULL for full-chain snapshots
  expiration       date,                    -- NULL for full-chain snapshots
  payload_json     jsonb       NOT NULL,
  checksum         char(64)    NOT NULL,    -- SHA-256 hex of the canonical payload serialization
  provider         text        NOT NULL,    -- tradier | cboe | simulated | replay
  actual_dte_days  integer,
  spot             numeric,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chain_snapshots_ts_idx ON chain_snapshots (ts DESC);
CREATE INDEX chain_snapshots_underlying_ts_idx ON chain_snapshots (underlying, ts DESC);

-- Every option contract ever seen, once.
CREATE TABLE option_instruments (
  instrument_id  bigserial PRIMARY KEY,
  occ_symbol     text          NOT NULL UNIQUE,
  root           text          NOT NULL,
  underlying     text          NOT NULL,
  expiration     date          NOT NULL,
  strike         numeric(14,3) NOT NULL,
  option_type    char(1)       NOT NULL CHECK (option_type IN ('C', 'P')),
  settlement     char(2)       NOT NULL CHECK (settlement IN ('AM', 'PM')),
  multiplier     integer       NOT NULL DEFAULT 100,
  first_seen     timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX option_instruments_chain_idx ON option_instruments (underlying, expiration, strike);
