// GET /markets/options/chains?greeks=true: contracts, quotes and the vendor's (ORATS) greeks.
#include <gd/providers/tradier_parse.hpp>

#include <algorithm>

#include <gd/core/ny_time.hpp>
#include <gd/core/occ_symbol.hpp>

#include "json_fields.hpp"
#include "tradier_fields.hpp"

namespace gd::providers {

using detail::epoch_field;
using detail::member;
using detail::number;
using nlohmann::json;

namespace {

std::string strip_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// The contract's identity from the explicit fields, falling back to the OCC symbol for any that
// are missing; an error when neither source gives a complete identity.
gd::result<gd::option_contract> parse_contract(const json& o, std::size_t index) {
  const auto where = tradier_chains_endpoint;
  const auto fail = [&](std::string_view what) {
    return detail::vendor_error("vendor_malformed", where, "option #" + std::to_string(index) + ": " + std::string{what});
  };
  gd::option_contract c;
  const std::string symbol = strip_spaces(detail::text(member(o, "symbol")));
  const auto occ = gd::parse_occ_symbol(symbol);

  c.root = detail::text(member(o, "root_symbol"));
  if (c.root.empty() && occ) c.root = occ->root;

  const std::string type = detail::text(member(o, "option_type"));
  if (type == "call") {
    c.right = gd::option_right::call;
  } else if (type == "put") {
    c.right = gd::option_right::put;
  } else if (occ) {
    c.right = occ->right;
  } else {
    return fail("no option_type and no parseable OCC symbol");
  }

  const std::string expiry = detail::text(member(o, "expiration_date"));
  if (!gd::parse_date(expiry, c.expiration)) {
    if (!occ) return fail("no valid expiration_date and no parseable OCC symbol");
    c.expiration = occ->expiration;
  }

  c.strike = number(member(o, "strike"));
  if (!std::isfinite(c.strike) || c.strike <= 0.0 || c.strike >= 1.0e7) {  // OCC strikes have 5 integer digits
    if (!occ) return fail("no valid strike and no parseable OCC symbol");
    c.strike = occ->strike;
  }
  if (c.root.empty()) return fail("no root_symbol and no parseable OCC symbol");

  c.occ_symbol = symbol.empty() ? gd::format_occ_symbol(c.root, c.expiration, c.right, c.strike) : symbol;
  const auto info = gd::classify_root(c.root);
  c.settlement = info.settlement;
  // classify_root knows the index roots (SPXW -> SPX); for anything else trust the vendor's field.
  const std::string vendor_underlying = detail::text(member(o, "underlying"));
  c.underlying = (info.underlying != c.root || vendor_underlying.empty()) ? info.underlying : vendor_underlying;
  const auto size = detail::count(member(o, "contract_size"));
  c.multiplier = size > 0 ? static_cast<int>(size) : 100;
  return c;
}

gd::vendor_greeks parse_greeks(const json* g) {
  gd::vendor_greeks out;
  if (detail::is_empty(g) || !g->is_object()) return out;
  gd::sys_time updated{};
  if (parse_tradier_timestamp(detail::text(member(g, "updated_at")), updated)) out.updated_at = updated;

  out.delta = number(member(g, "delta"));
  out.gamma = number(member(g, "gamma"));
  out.theta = number(member(g, "theta"));
  out.vega = number(member(g, "vega"));
  out.rho = number(member(g, "rho"));
  // mid_iv is the market's IV; 0.0 means "not computable", then fall back to ORATS' smoothed vol.
  out.iv = detail::positive_or_nan(number(member(g, "mid_iv")));
  if (std::isnan(out.iv)) out.iv = detail::positive_or_nan(number(member(g, "smv_vol")));

  // All-zero greeks are a placeholder, not a measurement (delta 0 with gamma 0 and vega 0).
  const auto zero_or_nan = [](double v) { return std::isnan(v) || v == 0.0; };
  if (zero_or_nan(out.delta) && zero_or_nan(out.gamma) && zero_or_nan(out.theta) && zero_or_nan(out.vega)) {
    out.delta = out.gamma = out.theta = out.vega = out.rho = gd::nan_v;
  }
  return out;
}

void blank_greeks(gd::vendor_greeks& g) {
  g.iv = g.delta = g.gamma = g.theta = g.vega = g.rho = gd::nan_v;
}

gd::result<gd::option_chain> parse(const json& doc, const tradier_chain_options& options) {
  const auto where = tradier_chains_endpoint;
  if (!doc.is_object()) return detail::vendor_error("vendor_malformed", where, "top level is not a JSON object");
  gd::option_chain chain;
  chain.provider = options.provider;
  chain.underlying = options.underlying;

  const auto* root = member(doc, "options");
  std::vector<const json*> items;
  if (!detail::is_empty(root)) {  // null / "null" / missing: unknown symbol or expiration
    if (!root->is_object()) return detail::vendor_error("vendor_malformed", where, "'options' is not an object");
    items = detail::as_list(member(root, "option"));
  }

  chain.rows.reserve(items.size());
  gd::sys_time latest{};
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& o = *items[i];
    if (!o.is_object()) {
      return detail::vendor_error("vendor_malformed", where,
                                  "option #" + std::to_string(i) + " is not an object: " + detail::excerpt(o));
    }
    auto contract = parse_contract(o, i);
    if (!contract) return contract.err();

    gd::chain_row row;
    row.contract = std::move(contract.value());
    auto& q = row.quote;
    q.bid = number(member(o, "bid"));
    q.ask = number(member(o, "ask"));
    q.last = number(member(o, "last"));
    q.bid_size = detail::count(member(o, "bidsize"));
    q.ask_size = detail::count(member(o, "asksize"));
    q.volume = detail::count(member(o, "volume"));
    q.open_interest = detail::count(member(o, "open_interest"));
    q.quote_time = std::max(epoch_field(o, "bid_date"), epoch_field(o, "ask_date"));
    if (q.quote_time == gd::sys_time{}) q.quote_time = epoch_field(o, "trade_date");
    q.greeks = parse_greeks(member(o, "greeks"));
    latest = std::max(latest, q.quote_time);
    chain.rows.push_back(std::move(row));
  }

  chain.as_of = latest != gd::sys_time{} ? latest : options.fetched_at;
  if (chain.underlying.empty() && !chain.rows.empty()) chain.underlying = chain.rows.front().contract.underlying;
  if (options.max_greeks_age) {
    for (auto& row : chain.rows) {
      auto& g = row.quote.greeks;
      if (g.updated_at != gd::sys_time{} && chain.as_of - g.updated_at > *options.max_greeks_age) blank_greeks(g);
    }
  }
  return chain;
}

}  // namespace

gd::result<gd::option_chain> parse_tradier_chain(const json& doc, const tradier_chain_options& options) {
  return detail::guarded(tradier_chains_endpoint, [&] { return parse(doc, options); });
}

}  // namespace gd::providers
