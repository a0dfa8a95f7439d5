-- Paper trading: decisions, the order outbox with every state transition, fills, trades with
-- their legs and marks, settlement prints, reconciliation alarms and small operator state.
-- Written and read only by libs/store/src/trading_*.cpp (gd::store::trading_repository).
-- Prices are numeric (points per spread), timestamps UTC timestamptz. New York trade dates
-- are computed by the repository (UTC bounds of the New York day) or stored explicitly
-- (trades.closed_on), never by the session time zone.

-- One evaluation of the entry rule. A scheduled slot is decided at most once per trade date and
-- underlying (the partial unique index; the repository also serializes on an advisory lock);
-- manual decisions (POST /api/admin/decide-now) are never unique.
CREATE TABLE trade_decisions (
  decision_id        bigserial    PRIMARY KEY,
  trade_date         date         NOT NULL,              -- New York trading date of the slot
  slot               text         NOT NULL,              -- "10:00"
  underlying         text         NOT NULL,
  source             text         NOT NULL CHECK (source IN ('scheduled', 'manual')),
  action             text         NOT NULL CHECK (action IN ('TRADE', 'SKIP')),
  reason             text         NOT NULL,              -- strategy::reason_code name
  message            text         NOT NULL DEFAULT '',
  evaluated_at       timestamptz  NOT NULL,
  -- No foreign key: a decision must outlive snapshot retention; the checksum still verifies it.
  snapshot_id        bigint,
  snapshot_checksum  text         NOT NULL DEFAULT '',
  config_hash        text         NOT NULL,
  config             jsonb        NOT NULL,              -- strategy::to_json(config)
  decision           jsonb        NOT NULL,              -- strategy::to_json(decision)
  order_tag          text,                               -- the entry order of a TRADE (FK below)
  created_at         timestamptz  NOT NULL DEFAULT now(),
  CHECK (action = 'TRADE' OR order_tag IS NULL)
);
CREATE UNIQUE INDEX trade_decisions_scheduled_once_idx
  ON trade_decisions (trade_date, slot, underlying) WHERE source = 'scheduled';
CREATE INDEX trade_decisions_trade_date_idx ON trade_decisions (trade_date, decision_id DESC);

-- The order outbox: one row per client tag (one broker order attempt), the full
-- execution::order as JSON in `doc` plus the columns queries need. `version` grows with every
-- stored transition; a transition is written only over the state (and version) it was computed
-- from, so two workers can never both move one order.
CREATE TABLE orders (
  tag              text         PRIMARY KEY CHECK (tag ~ '^[A-Za-z0-9-]{1,255}$'),  -- Tradier's tag rule
  intent           text         NOT NULL CHECK (intent IN ('open', 'close')),
  state            text         NOT NULL CHECK (state IN ('new', 'submitting', 'open', 'partially_filled',
                                                          'cancel_requested', 'unknown', 'filled', 'cancelled',
                                                          'rejected', 'expired')),
  version          integer      NOT NULL DEFAULT 1 CHECK (version > 0),
  underlying       text         NOT NULL,
  broker           text         NOT NULL CHECK (broker <> ''),   -- "tradier" | "simulated"
  broker_id        text,
  quantity         integer      NOT NULL CHECK (quantity > 0),   -- spreads
  filled_quantity  integer      NOT NULL DEFAULT 0 CHECK (filled_quantity BETWEEN 0 AND quantity),
  limit_price      numeric      NOT NULL CHECK (limit_price > 0),
  avg_fill_price   numeric      NOT NULL DEFAULT 0,
  doc              jsonb        NOT NULL,              -- execution::to_json(order)
  spread           jsonb,                              -- execution::to_json(vertical) it opens or closes
  decision_id      bigint       REFERENCES trade_decisions (decision_id),
  trade_id         text,                               -- FK below (trades references orders too)
  previous_tag     text         REFERENCES orders (tag),  -- the attempt a re-priced replacement follows
  created_at       timestamptz  NOT NULL,
  updated_at       timestamptz  NOT NULL,
  -- The columns mirror the document; an exit always belongs to a trade.
  CHECK (doc ->> 'tag' = tag AND doc ->> 'state' = state AND doc ->> 'intent' = intent),
  CHECK (intent = 'open' OR trade_id IS NOT NULL)
);
-- Newest first with a (created_at, tag) cursor; by New York day through UTC bounds.
CREATE INDEX orders_created_idx ON orders (created_at DESC, tag DESC);
-- Live orders (not terminal): the outbox worker's and the risk book's scan.
CREATE INDEX orders_live_idx ON orders (created_at) WHERE state NOT IN ('filled', 'cancelled', 'rejected', 'expired');
CREATE INDEX orders_trade_idx ON orders (trade_id, created_at) WHERE trade_id IS NOT NULL;
CREATE INDEX orders_decision_idx ON orders (decision_id) WHERE decision_id IS NOT NULL;
CREATE INDEX orders_broker_id_idx ON orders (broker, broker_id) WHERE broker_id IS NOT NULL;
-- At most one exit order per trade that may still be live (new or working): exits go one at a
-- time, a re-priced exit only after its predecessor is terminal. Likewise one live entry
-- attempt per decision.
CREATE UNIQUE INDEX orders_one_live_exit_idx ON orders (trade_id)
  WHERE intent = 'close' AND state NOT IN ('filled', 'cancelled', 'rejected', 'expired');
CREATE UNIQUE INDEX orders_one_live_entry_idx ON orders (decision_id)
  WHERE intent = 'open' AND state NOT IN ('filled', 'cancelled', 'rejected', 'expired');

ALTER TABLE trade_decisions ADD CONSTRAINT trade_decisions_order_tag_fkey
  FOREIGN KEY (order_tag) REFERENCES orders (tag) DEFERRABLE INITIALLY DEFERRED;  -- written before its order

-- Every stored transition of an order, numbered 1, 2, ... per tag; seq 1 is "created".
CREATE TABLE order_events (
  event_id    bigserial    PRIMARY KEY,
  tag         text         NOT NULL REFERENCES orders (tag),
  seq         integer      NOT NULL CHECK (seq > 0),
  at          timestamptz  NOT NULL,
  from_state  text         NOT NULL,
  to_state    text         NOT NULL,
  event       jsonb        NOT NULL,                   -- execution::event_to_json, {"type": ...}
  commands    jsonb        NOT NULL DEFAULT '[]',
  note        text         NOT NULL DEFAULT '',
  UNIQUE (tag, seq)
);

-- Package fills. The broker reports cumulative numbers (Tradier has no execution id), so a fill
-- is keyed by the cumulative quantity it reached: a repeated poll cannot count twice.
CREATE TABLE fills (
  fill_id              bigserial    PRIMARY KEY,
  tag                  text         NOT NULL REFERENCES orders (tag),
  at                   timestamptz  NOT NULL,
  quantity             integer      NOT NULL CHECK (quantity > 0),       -- spreads in this fill
  price                numeric      NOT NULL,                            -- net per spread of this fill
  cumulative_quantity  integer      NOT NULL CHECK (cumulative_quantity >= quantity),
  UNIQUE (tag, cumulative_quantity)
);

-- One credit vertical position in spread units. Its id is the tag of the entry order that opened it.
CREATE TABLE trades (
  trade_id        text         PRIMARY KEY REFERENCES orders (tag),
  decision_id     bigint       REFERENCES trade_decisions (decision_id),
  option_type     char(1)      NOT NULL CHECK (option_type IN ('C', 'P')),
  short_strike    numeric      NOT NULL CHECK (short_strike > 0),
  long_strike     numeric      NOT NULL CHECK (long_strike > 0),
  short_symbol    text         NOT NULL,
  long_symbol     text         NOT NULL,
  expiration      date         NOT NULL,
  settlement      char(2)      NOT NULL CHECK (settlement IN ('AM', 'PM')),
  quantity        integer      NOT NULL CHECK (quantity > 0),
  entry_credit    numeric      NOT NULL,               -- net per spread, as filled
  opened_at       timestamptz  NOT NULL,
  status          text         NOT NULL CHECK (status IN ('open', 'closed')),
  exit_debit      numeric,                             -- per spread; the settlement value for settled trades
  exit_reason     text         NOT NULL DEFAULT 'none'
                               CHECK (exit_reason IN ('none', 'take_profit', 'stop_loss', 'settlement', 'manual')),
  closed_at       timestamptz,
  closed_on       date,                                -- New York trade date of the close (daily PnL)
  exit_order_tag  text         NOT NULL DEFAULT '',    -- empty for settlement
  updated_at      timestamptz  NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND exit_debit IS NOT NULL)),
  CHECK (short_strike <> long_strike)
);
CREATE INDEX trades_opened_idx ON trades (opened_at DESC, trade_id DESC);
CREATE INDEX trades_open_idx ON trades (opened_at) WHERE status = 'open';
CREATE INDEX trades_closed_on_idx ON trades (closed_on) WHERE closed_on IS NOT NULL;

ALTER TABLE orders ADD CONSTRAINT orders_trade_id_fkey FOREIGN KEY (trade_id) REFERENCES trades (trade_id);

-- The legs of a trade as positions: quantity in contracts, signed (short negative), for
-- reconciliation against the broker's positions.
CREATE TABLE trade_legs (
  trade_id     text     NOT NULL REFERENCES trades (trade_id) ON DELETE CASCADE,
  occ_symbol   text     NOT NULL,
  side         text     NOT NULL CHECK (side IN ('short', 'long')),
  quantity     integer  NOT NULL,
  strike       numeric  NOT NULL,
  option_type  char(1)  NOT NULL CHECK (option_type IN ('C', 'P')),
  expiration   date     NOT NULL,
  PRIMARY KEY (trade_id, occ_symbol),
  CHECK ((side = 'short' AND quantity < 0) OR (side = 'long' AND quantity > 0))
);
CREATE INDEX trade_legs_symbol_idx ON trade_legs (occ_symbol);

-- Marks to market of open trades: the debit to close at mid and at the closing side, per spread.
CREATE TABLE trade_marks (
  trade_id     text         NOT NULL REFERENCES trades (trade_id) ON DELETE CASCADE,
  at           timestamptz  NOT NULL,
  mid_debit    numeric      NOT NULL CHECK (mid_debit >= 0),
  close_debit  numeric      NOT NULL CHECK (close_debit >= 0),
  PRIMARY KEY (trade_id, at)                           -- newest first: a backward scan
);

-- Official settlement prints of SPX: the close (SPXW, PM) and the opening settlement value
-- (SPX monthlies, AM). The first print stored for a date and source stands.
CREATE TABLE settlement_values (
  date         date         NOT NULL,
  source       text         NOT NULL CHECK (source IN ('official_close', 'opening_settlement_value')),
  value        numeric      NOT NULL CHECK (value > 0),
  provider     text         NOT NULL,
  recorded_at  timestamptz  NOT NULL DEFAULT now(),
  PRIMARY KEY (date, source)
);

-- Reconciliation alarms (execution::alarm_kind names): one open alarm per (kind, key); raising
-- it again while it is uncleared changes nothing.
CREATE TABLE trading_alarms (
  alarm_id    bigserial    PRIMARY KEY,
  at          timestamptz  NOT NULL,
  kind        text         NOT NULL,
  key         text         NOT NULL,
  message     text         NOT NULL DEFAULT '',
  cleared_at  timestamptz
);
CREATE UNIQUE INDEX trading_alarms_open_idx ON trading_alarms (kind, key) WHERE cleared_at IS NULL;

-- Small JSON documents by key: the kill switch ({"on": bool, "reason": ..., "at": ...}) and the
-- simulated broker's book.
CREATE TABLE trading_state (
  key         text         PRIMARY KEY,
  value       jsonb        NOT NULL,
  updated_at  timestamptz  NOT NULL DEFAULT now()
);
