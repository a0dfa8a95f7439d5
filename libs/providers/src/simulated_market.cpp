// The simulated market as a market_data provider.
#include <gd/providers/simulated_market.hpp>

#include <algorithm>
#include <cmath>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>
#include <gd/providers/tradier_parse.hpp>

#include "sim_chain.hpp"
#include "sim_expiries.hpp"
#include "sim_path.hpp"

namespace gd::providers {

namespace {

date::year_month_day plus_days(date::year_month_day d, int n) {
  return date::year_month_day{date::sys_days{d} + date::days{n}};
}

}  // namespace

simulated_market::simulated_market(const gd::clock& clock, simulated_settings settings)
    : clock_(clock), settings_(std::move(settings)), path_(std::make_shared<sim_path>(settings_)) {}

simulated_spot simulated_market::spot_at(gd::sys_time t) const { return path_->at(t); }

gd::result<std::vector<date::year_month_day>> simulated_market::expirations(const std::string& symbol) {
  if (symbol != settings_.symbol) {
    return gd::error{std::string{error_codes::no_data}, "simulated: only " + settings_.symbol + " is simulated, not " + symbol};
  }
  const auto now = clock_.now();
  const auto today = gd::ny_date(now);
  std::vector<date::year_month_day> out;
  for (const auto& e : sim_listed_expiries(calendar_, now, today, plus_days(today, settings_.listed_days),
                                           settings_.listed_days)) {
    out.push_back(e.day);
  }
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

gd::result<chain_payload> simulated_market::build(const std::string& symbol, date::year_month_day from,
                                                  date::year_month_day to) {
  if (symbol != settings_.symbol) {
    return gd::error{std::string{error_codes::no_data}, "simulated: only " + settings_.symbol + " is simulated, not " + symbol};
  }
  const auto now = clock_.now();
  const auto expiries = sim_listed_expiries(calendar_, now, from, to, settings_.listed_days);
  if (expiries.empty()) {
    return gd::error{std::string{error_codes::no_data}, "simulated: no " + symbol + " expiry listed from " +
                                                            gd::format_date(from) + " to " + gd::format_date(to)};
  }
  const auto spot = path_->at(now);
  auto raw = sim_chain_json(settings_, calendar_, spot, now, expiries);
  // The same parser as real Tradier data: the simulated path exercises the production code.
  tradier_chain_options options;
  options.underlying = symbol;
  options.provider = "simulated";
  options.fetched_at = now;
  auto parsed = parse_tradier_chain(raw, options);
  if (!parsed) return parsed.err();
  parsed->spot = raw["simulated"]["spot"].get<double>();
  parsed->as_of = now;
  return chain_payload{gd::canonical_json(raw), std::move(parsed.value())};
}

gd::result<chain_payload> simulated_market::chain(const std::string& symbol, date::year_month_day expiration) {
  return build(symbol, expiration, expiration);
}

gd::result<chain_payload> simulated_market::full_chain(const std::string& symbol, date::year_month_day today,
                                                       int max_dte) {
  return build(symbol, today, plus_days(today, max_dte));
}

gd::result<std::vector<underlying_quote>> simulated_market::quotes(const std::vector<std::string>& symbols) {
  const auto now = clock_.now();
  std::vector<underlying_quote> out;
  for (const auto& s : symbols) {
    if (s != settings_.symbol) continue;  // like Tradier's unmatched_symbols
    const auto spot = path_->at(now);
    const double last = std::round(spot.spot * 100.0) / 100.0;
    out.push_back(underlying_quote{s, last, last - 0.25, last + 0.25, std::round(spot.prev_close * 100.0) / 100.0, now});
  }
  if (out.empty() && !symbols.empty()) {
    return gd::error{std::string{error_codes::no_data}, "simulated: only " + settings_.symbol + " is simulated"};
  }
  return out;
}

}  // namespace gd::providers
