// GET /markets/options/chains?greeks=true: contracts, quotes and the vendor's (ORATS) greeks.
#include <gd/providers/tradier_parse.hpp>

#include <algorithm>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>
#include <gd/core/occ_symbol.hpp>

#include "json_fields.hpp"
#include "simd_json.hpp"
#include "tradier_fields.hpp"

namespace gd::providers {

using detail::member;
using detail::number;
using nlohmann::json;

namespace {

// The fields of one option object, found in one pass over its members (a chain has ~20k options
// of ~22 members each; looking each field up by name cost about half of the parse). A field the
// object does not have stays empty (nullptr, an absent simd_value), exactly as a failed lookup.
// Of a repeated member the last one counts, as in a parsed nlohmann object.
template <class V>
struct option_fields {
  V symbol{};
  V root_symbol{};
  V option_type{};
  V expiration_date{};
  V strike{};
  V underlying{};
  V contract_size{};
  V bid{};
  V ask{};
  V last{};
  V bidsize{};
  V asksize{};
  V volume{};
  V open_interest{};
  V bid_date{};
  V ask_date{};
  V trade_date{};
  V greeks{};
};

template <class V>
option_fields<V> fields_of(const V& o) {
  option_fields<V> f;
  detail::for_each_member(o, [&f](std::string_view k, const V& v) {
    switch (k.size()) {
      case 3:
        if (k == "bid") f.bid = v;
        else if (k == "ask") f.ask = v;
        break;
      case 4:
        if (k == "last") f.last = v;
        break;
      case 6:
        if (k == "symbol") f.symbol = v;
        else if (k == "strike") f.strike = v;
        else if (k == "volume") f.volume = v;
        else if (k == "greeks") f.greeks = v;
        break;
      case 7:
        if (k == "bidsize") f.bidsize = v;
        else if (k == "asksize") f.asksize = v;
        break;
      case 8:
        if (k == "bid_date") f.bid_date = v;
        else if (k == "ask_date") f.ask_date = v;
        break;
      case 10:
        if (k == "underlying") f.underlying = v;
        else if (k == "trade_date") f.trade_date = v;
        break;
      case 11:
        if (k == "root_symbol") f.root_symbol = v;
        else if (k == "option_type") f.option_type = v;
        break;
      case 13:
        if (k == "contract_size") f.contract_size = v;
        else if (k == "open_interest") f.open_interest = v;
        break;
      case 15:
        if (k == "expiration_date") f.expiration_date = v;
        break;
      default:
        break;
    }
  });
  return f;
}

template <class V>
struct greeks_fields {
  V updated_at{};
  V delta{};
  V gamma{};
  V theta{};
  V vega{};
  V rho{};
  V mid_iv{};
  V smv_vol{};
};

template <class V>
greeks_fields<V> greeks_fields_of(const V& g) {
  greeks_fields<V> f;
  detail::for_each_member(g, [&f](std::string_view k, const V& v) {
    switch (k.size()) {
      case 3:
        if (k == "rho") f.rho = v;
        break;
      case 4:
        if (k == "vega") f.vega = v;
        break;
      case 5:
        if (k == "delta") f.delta = v;
        else if (k == "gamma") f.gamma = v;
        else if (k == "theta") f.theta = v;
        break;
      case 6:
        if (k == "mid_iv") f.mid_iv = v;
        break;
      case 7:
        if (k == "smv_vol") f.smv_vol = v;
        break;
      case 10:
        if (k == "updated_at") f.updated_at = v;
        break;
      default:
        break;
    }
  });
  return f;
}

// parse_tradier_timestamp of the last text seen: the options of one chain share a handful of
// greeks update times.
class timestamp_cache {
 public:
  bool parse(const std::string& text, gd::sys_time& out) {
    if (!valid_ || text != text_) {
      text_ = text;
      ok_ = parse_tradier_timestamp(text_, value_);
      valid_ = true;
    }
    if (ok_) out = value_;
    return ok_;
  }

 private:
  std::string text_;
  gd::sys_time value_{};
  bool ok_ = false;
  bool valid_ = false;
};

std::string strip_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// The contract's identity from the explicit fields, falling back to the OCC symbol for any that
// are missing; an error when neither source gives a complete identity.
template <class V>
gd::result<gd::option_contract> parse_contract(const option_fields<V>& o, std::size_t index) {
  const auto where = tradier_chains_endpoint;
  const auto fail = [&](std::string_view what) {
    return detail::vendor_error("vendor_malformed", where, "option #" + std::to_string(index) + ": " + std::string{what});
  };
  gd::option_contract c;
  const std::string symbol = strip_spaces(detail::text(o.symbol));
  const auto occ = gd::parse_occ_symbol(symbol);

  c.root = detail::text(o.root_symbol);
  if (c.root.empty() && occ) c.root = occ->root;

  const std::string type = detail::text(o.option_type);
  if (type == "call") {
    c.right = gd::option_right::call;
  } else if (type == "put") {
    c.right = gd::option_right::put;
  } else if (occ) {
    c.right = occ->right;
  } else {
    return fail("no option_type and no parseable OCC symbol");
  }

  const std::string expiry = detail::text(o.expiration_date);
  if (!gd::parse_date(expiry, c.expiration)) {
    if (!occ) return fail("no valid expiration_date and no parseable OCC symbol");
    c.expiration = occ->expiration;
  }

  c.strike = number(o.strike);
  if (!std::isfinite(c.strike) || c.strike <= 0.0 || c.strike >= 1.0e7) {  // OCC strikes have 5 integer digits
    if (!occ) return fail("no valid strike and no parseable OCC symbol");
    c.strike = occ->strike;
  }
  if (c.root.empty()) return fail("no root_symbol and no parseable OCC symbol");

  c.occ_symbol = symbol.empty() ? gd::format_occ_symbol(c.root, c.expiration, c.right, c.strike) : symbol;
  const auto info = gd::classify_root(c.root);
  c.settlement = info.settlement;
  // classify_root knows the index roots (SPXW -> SPX); for anything else trust the vendor's field.
  const std::string vendor_underlying = detail::text(o.underlying);
  c.underlying = (info.underlying != c.root || vendor_underlying.empty()) ? info.underlying : vendor_underlying;
  const auto size = detail::count(o.contract_size);
  c.multiplier = size > 0 ? static_cast<int>(size) : 100;
  return c;
}

template <class V>
gd::vendor_greeks parse_greeks(const V& greeks, timestamp_cache& times) {
  gd::vendor_greeks out;
  if (detail::is_empty(greeks) || !detail::is_object(greeks)) return out;
  const greeks_fields<V> g = greeks_fields_of(greeks);
  gd::sys_time updated{};
  if (times.parse(detail::text(g.updated_at), updated)) out.updated_at = updated;

  out.delta = number(g.delta);
  out.gamma = number(g.gamma);
  out.theta = number(g.theta);
  out.vega = number(g.vega);
  out.rho = number(g.rho);
  // mid_iv is the market's IV; 0.0 means "not computable", then fall back to ORATS' smoothed vol.
  out.iv = detail::positive_or_nan(number(g.mid_iv));
  if (std::isnan(out.iv)) out.iv = detail::positive_or_nan(number(g.smv_vol));

  // All-zero greeks are a placeholder, not a measurement (delta 0 with gamma 0 and vega 0).
  const auto zero_or_nan = [](double v) { return std::isnan(v) || v == 0.0; };
  if (zero_or_nan(out.delta) && zero_or_nan(out.gamma) && zero_or_nan(out.theta) && zero_or_nan(out.vega)) {
    out.delta = out.gamma = out.theta = out.vega = out.rho = gd::nan_v;
  }
  return out;
}

// A Tradier timestamp field (detail::epoch_field), from the field's value.
template <class V>
gd::sys_time epoch_of(const V& v) {
  return epoch_ms_or_s(detail::epoch_number(v));
}

void blank_greeks(gd::vendor_greeks& g) {
  g.iv = g.delta = g.gamma = g.theta = g.vega = g.rho = gd::nan_v;
}

// One reading of a chain document for both parsed forms: V is `const json*` (nlohmann) or
// detail::simd_value (simdjson), each with the accessors of json_fields.hpp.
template <class V>
gd::result<gd::option_chain> parse(const V& doc, const tradier_chain_options& options) {
  const auto where = tradier_chains_endpoint;
  if (!detail::is_object(doc)) return detail::vendor_error("vendor_malformed", where, "top level is not a JSON object");
  gd::option_chain chain;
  chain.provider = options.provider;
  chain.underlying = options.underlying;

  const V root = member(doc, "options");
  std::vector<V> items;
  if (!detail::is_empty(root)) {  // null / "null" / missing: unknown symbol or expiration
    if (!detail::is_object(root)) return detail::vendor_error("vendor_malformed", where, "'options' is not an object");
    items = detail::as_list(member(root, "option"));
  }

  chain.rows.reserve(items.size());
  gd::sys_time latest{};
  timestamp_cache greeks_times;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const V& o = items[i];
    if (!detail::is_object(o)) {
      return detail::vendor_error("vendor_malformed", where,
                                  "option #" + std::to_string(i) + " is not an object: " + detail::excerpt(o));
    }
    const option_fields<V> f = fields_of(o);
    auto contract = parse_contract(f, i);
    if (!contract) return contract.err();

    gd::chain_row row;
    row.contract = std::move(contract.value());
    auto& q = row.quote;
    q.bid = number(f.bid);
    q.ask = number(f.ask);
    q.last = number(f.last);
    q.bid_size = detail::count(f.bidsize);
    q.ask_size = detail::count(f.asksize);
    q.volume = detail::count(f.volume);
    q.open_interest = detail::count(f.open_interest);
    q.quote_time = std::max(epoch_of(f.bid_date), epoch_of(f.ask_date));
    if (q.quote_time == gd::sys_time{}) q.quote_time = epoch_of(f.trade_date);
    q.greeks = parse_greeks(f.greeks, greeks_times);
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
  return detail::guarded(tradier_chains_endpoint, [&] { return parse(&doc, options); });
}

gd::result<tradier_chain_body> read_tradier_chain(std::string_view body, const tradier_chain_options& options) {
  // The fast lane (simd_json.hpp); anything it does not take goes the reference way below.
  if (const auto root = detail::parse_simd(body); root && root->type() == simdjson::dom::element_type::OBJECT) {
    const detail::simd_value doc = detail::simd_of(*root);
    auto chain = detail::guarded(tradier_chains_endpoint, [&] { return parse(doc, options); });
    if (chain) {
      return tradier_chain_body{std::move(chain.value()), detail::canonical_text(*root, body.size()),
                                !detail::is_empty(member(doc, "errors")), true};
    }
  }
  auto doc = parse_vendor_json(body, tradier_chains_endpoint);
  if (!doc) return doc.err();
  const bool errors = !detail::is_empty(member(doc.value(), "errors"));
  auto chain = parse_tradier_chain(doc.value(), options);
  if (!chain) return chain.err();
  return tradier_chain_body{std::move(chain.value()), gd::canonical_json(doc.value()), errors, false};
}

}  // namespace gd::providers
