// CBOE delayed quotes as a market_data provider: one download holds the whole chain.
#include <gd/providers/cboe_market_data.hpp>

#include <algorithm>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>

namespace gd::providers {

cboe_market_data::cboe_market_data(std::shared_ptr<cboe_source> source, std::chrono::milliseconds reuse_for)
    : source_(std::move(source)), reuse_for_(reuse_for) {}

gd::result<std::shared_ptr<const cboe_payload>> cboe_market_data::download(const std::string& wanted) {
  if (!source_) return gd::error{std::string{error_codes::unavailable}, "cboe: no source configured"};
  auto bytes = source_->fetch(wanted);
  if (!bytes) return bytes.err();
  auto payload = parse_cboe_bytes(bytes.value());
  if (!payload) return payload.err();
  // A fixed file answers every symbol: refuse to pass SPX data off as another underlying.
  if (payload->chain.underlying != wanted) {
    return gd::error{std::string{error_codes::no_data},
                     "cboe: the data is for " + payload->chain.underlying + ", not " + wanted};
  }
  return std::make_shared<const cboe_payload>(std::move(payload.value()));
}

gd::result<std::shared_ptr<const cboe_payload>> cboe_market_data::load(const std::string& symbol) {
  const std::string wanted = cboe_plain_symbol(symbol);
  std::lock_guard lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (const auto it = kept_.find(wanted); it != kept_.end() && now - it->second.at < reuse_for_) {
    return it->second.payload;
  }
  auto fresh = download(wanted);
  if (!fresh) {
    kept_.erase(wanted);
    return fresh.err();
  }
  kept_[wanted] = kept_download{now, fresh.value()};
  return fresh;
}

gd::result<chain_payload> cboe_market_data::subset(const std::string& symbol, date::year_month_day from,
                                                   date::year_month_day to) {
  auto all = load(symbol);
  if (!all) return all.err();
  auto raw = cboe_raw_subset(all.value()->raw, from, to);
  // The chain is parsed from the stored subset itself, so raw and rows can never disagree.
  auto parsed = parse_cboe_raw(raw);
  if (!parsed) return parsed.err();
  if (parsed->chain.rows.empty()) {
    return gd::error{std::string{error_codes::no_data}, "cboe: no " + parsed->chain.underlying + " contracts expiring " +
                                                            gd::format_date(from) + " to " + gd::format_date(to)};
  }
  return chain_payload{gd::canonical_json(raw), std::move(parsed->chain)};
}

gd::result<std::vector<date::year_month_day>> cboe_market_data::expirations(const std::string& symbol) {
  auto all = load(symbol);
  if (!all) return all.err();
  std::vector<date::year_month_day> out;
  for (const auto& row : all.value()->chain.rows) out.push_back(row.contract.expiration);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

gd::result<chain_payload> cboe_market_data::chain(const std::string& symbol, date::year_month_day expiration) {
  return subset(symbol, expiration, expiration);
}

gd::result<chain_payload> cboe_market_data::full_chain(const std::string& symbol, date::year_month_day today,
                                                       int max_dte) {
  return subset(symbol, today, date::year_month_day{date::sys_days{today} + date::days{max_dte}});
}

gd::result<std::vector<underlying_quote>> cboe_market_data::quotes(const std::vector<std::string>& symbols) {
  std::vector<underlying_quote> out;
  gd::error last_error{std::string{error_codes::no_data}, "cboe: no symbols requested"};
  for (const auto& s : symbols) {
    auto all = load(s);
    if (!all) {
      last_error = all.err();
      continue;  // like Tradier's unmatched_symbols: report what could be found
    }
    auto parsed = parse_cboe_raw(all.value()->raw);
    if (parsed) out.push_back(std::move(parsed->quote));
  }
  if (out.empty() && !symbols.empty()) return last_error;
  return out;
}

}  // namespace gd::providers
