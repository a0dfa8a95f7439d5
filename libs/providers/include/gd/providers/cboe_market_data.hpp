#pragma once
// CBOE delayed quotes (15-minute delay, no key needed): the free real-data provider. Where the
// bytes come from is a cboe_source: a file (fixtures, downloads), bytes in memory, or the CBOE CDN
// through the same http_getter transport the Tradier provider uses.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <gd/providers/cboe_parse.hpp>
#include <gd/providers/http_getter.hpp>
#include <gd/providers/market_data.hpp>

namespace gd::providers {

class cboe_source {
 public:
  virtual ~cboe_source() = default;
  // The JSON or CSV bytes for `symbol` (plain form, e.g. "SPX").
  virtual gd::result<std::string> fetch(const std::string& symbol) = 0;
};

// A file path; "{symbol}" in it is replaced by the symbol (e.g. "data/{symbol}.json").
std::shared_ptr<cboe_source> make_cboe_file_source(std::string path_template);
// Fixed bytes (tests, uploads).
std::shared_ptr<cboe_source> make_cboe_bytes_source(std::string bytes);
// GET /api/global/delayed_quotes/options/<SYM>.json (indices as _SPX.json) relative to a
// transport whose base URL is https://cdn.cboe.com.
std::shared_ptr<cboe_source> make_cboe_http_source(std::shared_ptr<http_getter> transport);
// The CDN path for a symbol: "_SPX.json" for cash-settled indices, "SPY.json" otherwise.
std::string cboe_cdn_path(std::string_view symbol);

// One download (a few MB for SPX) answers every call about its symbol: a snapshot run asks for
// expirations, up to three chains, the full chain and the spot within seconds, so a download is
// reused for `reuse_for` (measured on the steady clock) instead of being fetched six times.
// Failures are not kept: the next call tries again.
class cboe_market_data final : public market_data {
 public:
  explicit cboe_market_data(std::shared_ptr<cboe_source> source,
                            std::chrono::milliseconds reuse_for = std::chrono::seconds{30});

  std::string_view name() const override { return "cboe"; }
  gd::result<std::vector<date::year_month_day>> expirations(const std::string& symbol) override;
  // raw: the document cut to this expiration (cboe_raw_subset).
  gd::result<chain_payload> chain(const std::string& symbol, date::year_month_day expiration) override;
  // One download holds the whole chain: raw is the document cut to [today, today + max_dte].
  gd::result<chain_payload> full_chain(const std::string& symbol, date::year_month_day today, int max_dte) override;
  gd::result<std::vector<underlying_quote>> quotes(const std::vector<std::string>& symbols) override;

 private:
  gd::result<std::shared_ptr<const cboe_payload>> load(const std::string& symbol);
  gd::result<std::shared_ptr<const cboe_payload>> download(const std::string& plain_symbol);
  gd::result<chain_payload> subset(const std::string& symbol, date::year_month_day from, date::year_month_day to);

  struct kept_download {
    std::chrono::steady_clock::time_point at;
    std::shared_ptr<const cboe_payload> payload;
  };

  std::shared_ptr<cboe_source> source_;
  std::chrono::milliseconds reuse_for_;
  std::mutex mu_;   // held across a download, so concurrent callers share one
  std::map<std::string, kept_download> kept_;
};

}  // namespace gd::providers
