#pragma once
// The market-data port: every source of option chains (Tradier, CBOE delayed quotes, the simulated
// market, recorded replays) implements this one small interface, so the snapshot job, the API and
// the backtests never know which vendor they talk to.
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/result.hpp>

namespace gd::providers {

// A chain plus the vendor data it came from. `raw_json` is that data as canonical JSON text
// (gd::canonical_json's form: what snapshots store as JSONB and checksum), so it must be enough to
// re-derive `chain` later (each provider documents its raw shape). Text rather than a parsed
// value: a full chain is ~9 MB of JSON, and providers that read it straight from the vendor's
// bytes never build (and free) a half-million-node tree for it.
struct chain_payload {
  std::string raw_json;
  gd::option_chain chain;
};

struct underlying_quote {
  std::string symbol;
  double last = gd::nan_v;
  double bid = gd::nan_v;
  double ask = gd::nan_v;
  double prev_close = gd::nan_v;
  gd::sys_time as_of{};  // the vendor's trade/quote time; epoch when unknown
};

// The error codes providers return (gd::error::code), so callers can map them without parsing text.
namespace error_codes {
inline constexpr std::string_view malformed = "vendor_malformed";        // unparseable or wrong-shaped data
inline constexpr std::string_view no_data = "vendor_no_data";            // unknown symbol/expiration, empty chain
inline constexpr std::string_view auth = "vendor_auth";                  // 401/403: credentials rejected
inline constexpr std::string_view rate_limited = "vendor_rate_limited";  // 429 / "Quota Violation"
inline constexpr std::string_view bad_request = "vendor_bad_request";    // other 4xx
inline constexpr std::string_view unavailable = "vendor_unavailable";    // 404/5xx/transport: retry later
inline constexpr std::string_view io = "io_error";                       // local files (cboe, replay)
}  // namespace error_codes

// Blocking calls: the service calls them from worker threads, never from I/O threads.
// Expected failures (vendor down, unknown symbol, malformed response) are gd::error values whose
// message names the provider and endpoint; nothing throws out of these calls.
class market_data {
 public:
  virtual ~market_data() = default;

  virtual std::string_view name() const = 0;  // "tradier" | "cboe" | "simulated" | "replay"

  // Sorted, unique expiration dates of every root of the underlying (SPX and SPXW together).
  virtual gd::result<std::vector<date::year_month_day>> expirations(const std::string& symbol) = 0;

  virtual gd::result<chain_payload> chain(const std::string& symbol, date::year_month_day expiration) = 0;

  // Every expiration e with today <= e <= today + max_dte, in one payload. `today` is the caller's
  // New York date (the scheduler's clock), passed in so that a snapshot's "today" and its stored
  // timestamp can never disagree. The default fetches expirations() and then chain() per expiry
  // and assembles them with full_chain_builder below. Providers with a one-shot full chain
  // override it.
  virtual gd::result<chain_payload> full_chain(const std::string& symbol, date::year_month_day today, int max_dte);

  virtual gd::result<std::vector<underlying_quote>> quotes(const std::vector<std::string>& symbols) = 0;
};

// The expirations within [today, today + max_dte] (the full-chain window).
std::vector<date::year_month_day> expirations_within(const std::vector<date::year_month_day>& all,
                                                     date::year_month_day today, int max_dte);

// A full chain assembled from per-expiration payloads, in the order they are added. Its raw_json:
//   {"full_chain": {"provider": ..., "symbol": ..., "today": "YYYY-MM-DD", "max_dte": N,
//                   "chains": [{"expiration": "YYYY-MM-DD", "response": <vendor response>}, ...]}}
// (canonical text, so with its keys in bytewise order). The chain gets every part's rows, the
// latest as_of and the first known spot.
class full_chain_builder {
 public:
  full_chain_builder(std::string_view provider, std::string_view symbol, date::year_month_day today, int max_dte);
  void add(date::year_month_day expiration, chain_payload part);
  bool empty() const { return full_.chain.rows.empty(); }
  chain_payload finish() &&;

 private:
  chain_payload full_;
  std::string chains_;   // the canonical text of the "chains" array so far, without its brackets
  std::vector<std::pair<std::string, std::string>> header_;
};

}  // namespace gd::providers
