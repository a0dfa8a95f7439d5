#pragma once
// Serves recorded payloads from a directory, in Tradier's JSON formats, through the Tradier
// parsers (demos, tests, reproducing an incident). Layout, one folder per underlying:
//
//   <dir>/<SYMBOL>/expirations.json          a /markets/options/expirations response
//                                            (optional: else the dates of the chain files)
//   <dir>/<SYMBOL>/chains/<YYYY-MM-DD>.json  a /markets/options/chains response per expiration
//   <dir>/<SYMBOL>/quotes.json               a /markets/quotes response holding SYMBOL's quote
//                                            (optional: gives the chains their spot)
//
// record_replay() writes such a directory from any provider. Files are read on every call, so a
// directory can be edited while the service runs. full_chain is the default one (window relative
// to the caller's `today`, so replay old recordings under a clock set to their date).
#include <string>

#include <gd/core/clock.hpp>
#include <gd/providers/market_data.hpp>

namespace gd::providers {

class replay_market_data final : public market_data {
 public:
  replay_market_data(std::string dir, const gd::clock& clock);

  std::string_view name() const override { return "replay"; }
  gd::result<std::vector<date::year_month_day>> expirations(const std::string& symbol) override;
  gd::result<chain_payload> chain(const std::string& symbol, date::year_month_day expiration) override;
  gd::result<std::vector<underlying_quote>> quotes(const std::vector<std::string>& symbols) override;

 private:
  std::string folder(const std::string& symbol) const;

  std::string dir_;
  const gd::clock& clock_;
};

// Records `symbol` from `source` into `dir` in the layout above: its expirations, the chain of
// each expiration within [today, today + max_dte] (the vendor raw when it is Tradier-shaped, else
// the chain written with to_tradier_chain_json) and its quote. Existing files are replaced.
gd::result<gd::ok_t> record_replay(market_data& source, const std::string& dir, const std::string& symbol,
                                   date::year_month_day today, int max_dte);

}  // namespace gd::providers
