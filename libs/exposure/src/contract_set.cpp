#include <gd/exposure/contract_set.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include <gd/core/ny_time.hpp>
#include <gd/quant/black.hpp>
#include <gd/quant/expiry_slice.hpp>
#include <gd/quant/implied_forward.hpp>
#include <gd/quant/implied_vol.hpp>
#include <gd/quant/settlement_time.hpp>

namespace gd::exposure {

const char* to_string(exclusion e) noexcept {
  switch (e) {
    case exclusion::expired: return "expired";
    case exclusion::invalid: return "invalid";
    case exclusion::zero_oi: return "zero_oi";
    case exclusion::no_quote: return "no_quote";
    case exclusion::iv_failed: return "iv_failed";
    case exclusion::iv_out_of_range: return "iv_out_of_range";
    case exclusion::no_vendor_greeks: return "no_vendor_greeks";
    case exclusion::none: break;
  }
  return "none";
}

void excluded_counts::add(exclusion e) noexcept {
  switch (e) {
    case exclusion::expired: ++expired; break;
    case exclusion::invalid: ++invalid; break;
    case exclusion::zero_oi: ++zero_oi; break;
    case exclusion::no_quote: ++no_quote; break;
    case exclusion::iv_failed: ++iv_failed; break;
    case exclusion::iv_out_of_range: ++iv_out_of_range; break;
    case exclusion::no_vendor_greeks: ++no_vendor_greeks; break;
    case exclusion::none: break;
  }
}

std::size_t excluded_counts::total() const noexcept {
  return expired + invalid + zero_oi + no_quote + iv_failed + iv_out_of_range + no_vendor_greeks;
}

double contract_set::usable_iv(std::size_t i) const noexcept {
  if (excluded[i] == exclusion::expired || excluded[i] == exclusion::invalid) return nan_v;
  const auto in_range = [&](double v) { return v >= min_iv && v <= max_iv; };
  if (source == gamma_source::vendor) return in_range(vendor_iv[i]) ? vendor_iv[i] : nan_v;
  if (in_range(iv[i])) return iv[i];
  return fallback_allowed && !std::isfinite(iv[i]) && in_range(vendor_iv[i]) ? vendor_iv[i] : nan_v;
}

namespace {

using slot_key = std::tuple<int, unsigned, unsigned, char>;   // y, m, d, settlement

slot_key key_of(const option_contract& c) {
  return {int(c.expiration.year()), unsigned(c.expiration.month()), unsigned(c.expiration.day()),
          static_cast<char>(c.settlement)};
}

std::int64_t count_or_zero(std::int64_t v) { return v > 0 ? v : 0; }

// Slots of the chain ordered by settlement instant; row_slot[i] = the slot of chain row i.
std::vector<expiry_slot> build_slots(const option_chain& chain, sys_time as_of, quant::time_measure measure,
                                     const nyse_calendar& cal, std::vector<std::uint32_t>& row_slot) {
  std::map<slot_key, std::size_t> index;
  std::vector<expiry_slot> slots;
  std::vector<std::size_t> raw(chain.rows.size());
  const date::sys_days today{ny_date(as_of)};
  for (std::size_t i = 0; i < chain.rows.size(); ++i) {
    const auto& c = chain.rows[i].contract;
    auto [it, inserted] = index.try_emplace(key_of(c), slots.size());
    if (inserted) {
      expiry_slot s;
      s.expiration = c.expiration;
      s.settlement = c.settlement;
      s.root = c.root;
      s.dte = static_cast<int>((date::sys_days{c.expiration} - today).count());
      const auto t = quant::years_to_settlement(as_of, c.expiration, c.settlement, cal, measure);
      s.settlement_instant = t.settlement;
      s.expired = t.expired;
      s.T = t.years;
      slots.push_back(std::move(s));
    }
    raw[i] = it->second;
  }
  std::vector<std::size_t> order(slots.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(slots[a].settlement_instant, slots[a].expiration) <
           std::tie(slots[b].settlement_instant, slots[b].expiration);
  });
  std::vector<std::uint32_t> rank(slots.size());
  std::vector<expiry_slot> sorted;
  sorted.reserve(slots.size());
  for (std::size_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = static_cast<std::uint32_t>(r);
    sorted.push_back(std::move(slots[order[r]]));
  }
  row_slot.resize(chain.rows.size());
  for (std::size_t i = 0; i < raw.size(); ++i) row_slot[i] = rank[raw[i]];
  return sorted;
}

// Forward and grade of a live slot from its contracts.
void describe_slot(expiry_slot& s, const contract_set& c, const std::vector<std::size_t>& members,
                   const exposure_params& p) {
  std::vector<quant::slice_quote> quotes;
  quotes.reserve(members.size());
  for (std::size_t i : members)
    quotes.push_back({c.strike[i], c.is_call[i] ? option_right::call : option_right::put, c.bid[i], c.ask[i], c.oi[i]});
  s.grade = quant::grade_slice(quotes, p.liquidity);
  s.df = std::exp(-p.rate * s.T);
  s.forward = c.spot * std::exp(p.rate * s.T);
  s.forward_implied = false;
  if (p.implied_forward) {
    quant::forward_config cfg;
    cfg.known_df = s.df;   // F and DF stay consistent with the rate parameter
    cfg.fallback_rate = p.rate;
    const auto f = quant::implied_forward(quotes, s.T, cfg);
    if (f.ok() && std::isfinite(f.forward) && f.forward > 0.0) {
      s.forward = f.forward;
      s.forward_implied = true;
    }
  }
}

// BSM greeks at spot for contracts idx with vols vol[i]; the carry q = rate - ln(F/S)/T makes
// the BSM forward equal the slot's F.
void spot_greeks(const contract_set& c, const std::vector<std::size_t>& idx, const std::vector<double>& vol,
                 std::vector<double>& delta, std::vector<double>& gamma, std::vector<double>& vanna,
                 std::vector<double>& charm) {
  const std::size_t m = idx.size();
  std::vector<double> S(m, c.spot), K(m), T(m), r(m, c.rate), q(m), v(m);
  std::vector<std::uint8_t> call(m);
  for (std::size_t j = 0; j < m; ++j) {
    const std::size_t i = idx[j];
    K[j] = c.strike[i], T[j] = c.T[i], v[j] = vol[i], call[j] = c.is_call[i];
    q[j] = c.rate - std::log(c.forward[i] / c.spot) / c.T[i];
  }
  delta.assign(m, 0.0);
  gamma.assign(m, 0.0);
  vanna.assign(m, 0.0);
  charm.assign(m, 0.0);
  quant::greeks_out out{};
  out.delta = delta.data();
  out.gamma = gamma.data();
  out.vanna = vanna.data();
  out.charm = charm.data();
  quant::bsm_greeks_batch(m, S.data(), K.data(), T.data(), r.data(), q.data(), v.data(), call.data(), out);
}

}  // namespace

contract_set prepare_contracts(const option_chain& chain, double spot, sys_time as_of, const exposure_params& p,
                               const nyse_calendar& cal) {
  contract_set c;
  c.spot = spot;
  c.rate = p.rate;
  c.days_per_year = p.basis == time_basis::trading ? 252.0 : 365.0;
  c.signs = signs_of(p.dealer);
  c.source = p.gamma;
  c.min_iv = p.min_iv;
  c.max_iv = p.max_iv;
  c.fallback_allowed = p.vendor_iv_fallback;
  const auto measure = p.basis == time_basis::trading ? quant::time_measure::trading_rth
                                                      : quant::time_measure::calendar_act365;
  std::vector<std::uint32_t> row_slot;
  c.slots = build_slots(chain, as_of, measure, cal, row_slot);
  c.scope = select_scope(c.slots, p.scope, cal);

  std::vector<char> selected(c.slots.size(), 0);
  for (std::size_t s : c.scope.slots) selected[s] = 1;
  std::vector<std::vector<std::size_t>> members(c.slots.size());
  for (std::size_t r = 0; r < chain.rows.size(); ++r) {
    if (!selected[row_slot[r]]) continue;
    const auto& row = chain.rows[r];
    const std::size_t i = c.slot.size();
    members[row_slot[r]].push_back(i);
    c.slot.push_back(row_slot[r]);
    c.strike.push_back(row.contract.strike);
    c.multiplier.push_back(static_cast<double>(row.contract.multiplier));
    c.is_call.push_back(row.contract.right == option_right::call ? 1 : 0);
    c.oi.push_back(count_or_zero(row.quote.open_interest));
    c.volume.push_back(count_or_zero(row.quote.volume));
    c.bid.push_back(row.quote.bid);
    c.ask.push_back(row.quote.ask);
    c.mid.push_back(row.quote.mid());
    c.vendor_iv.push_back(row.quote.greeks.iv);
    c.vendor_gamma.push_back(row.quote.greeks.gamma);
    c.vendor_delta.push_back(row.quote.greeks.delta);
  }
  const std::size_t n = c.size();
  c.T.resize(n);
  c.forward.resize(n);
  c.df.resize(n);
  for (std::size_t s : c.scope.slots)
    if (!c.slots[s].expired) describe_slot(c.slots[s], c, members[s], p);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& s = c.slots[c.slot[i]];
    c.T[i] = s.T;
    c.forward[i] = s.forward;
    c.df[i] = s.df;
  }

  // Our IV of every live two-sided mid, in one batch.
  c.iv.assign(n, nan_v);
  std::vector<quant::iv_status> status(n, quant::iv_status::invalid_input);
  {
    std::vector<std::size_t> idx;
    for (std::size_t i = 0; i < n; ++i)
      if (!c.slots[c.slot[i]].expired && std::isfinite(c.mid[i]) && c.strike[i] > 0.0) idx.push_back(i);
    const std::size_t m = idx.size();
    std::vector<double> price(m), F(m), K(m), T(m), df(m), vol(m);
    std::vector<std::uint8_t> call(m);
    std::vector<quant::iv_status> st(m);
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t i = idx[j];
      price[j] = c.mid[i], F[j] = c.forward[i], K[j] = c.strike[i], T[j] = c.T[i], df[j] = c.df[i];
      call[j] = c.is_call[i];
    }
    quant::implied_vol_black76_batch(m, price.data(), F.data(), K.data(), T.data(), df.data(), call.data(),
                                     vol.data(), st.data());
    for (std::size_t j = 0; j < m; ++j) {
      c.iv[idx[j]] = vol[j];
      status[idx[j]] = st[j];
    }
  }

  c.excluded.assign(n, exclusion::none);
  c.sigma.assign(n, nan_v);
  c.vendor_fallback.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    exclusion e = exclusion::none;
    const bool vendor = p.gamma == gamma_source::vendor;
    // No IV of our own (no quote or a failed solve): the vendor's, when allowed and present.
    const bool fallback = !vendor && p.vendor_iv_fallback && status[i] != quant::iv_status::ok &&
                          std::isfinite(c.vendor_iv[i]);
    const double vol = vendor || fallback ? c.vendor_iv[i] : c.iv[i];
    if (c.slots[c.slot[i]].expired) e = exclusion::expired;
    else if (!(c.strike[i] > 0.0) || !(c.multiplier[i] > 0.0)) e = exclusion::invalid;
    else if (c.oi[i] <= 0) e = exclusion::zero_oi;
    else if (vendor && !(std::isfinite(c.vendor_iv[i]) && std::isfinite(c.vendor_gamma[i]) &&
                         std::isfinite(c.vendor_delta[i]))) e = exclusion::no_vendor_greeks;
    else if (!vendor && !fallback && !std::isfinite(c.mid[i])) e = exclusion::no_quote;
    else if (!vendor && !fallback && status[i] != quant::iv_status::ok) e = exclusion::iv_failed;
    else if (!(vol >= p.min_iv && vol <= p.max_iv)) e = exclusion::iv_out_of_range;
    c.excluded[i] = e;
    if (e == exclusion::none) c.sigma[i] = vol;
    c.vendor_fallback[i] = e == exclusion::none && fallback ? 1 : 0;
  }

  // Spot greeks: of the contributing contracts from their sigma, and our model gamma wherever
  // our own IV is usable (the same contracts in model mode).
  const bool vendor = p.gamma == gamma_source::vendor;
  c.delta.assign(n, 0.0);
  c.gamma.assign(n, 0.0);
  c.vanna.assign(n, 0.0);
  c.charm.assign(n, 0.0);
  c.model_gamma.assign(n, nan_v);
  std::vector<std::size_t> used, ours;
  for (std::size_t i = 0; i < n; ++i) {
    if (c.excluded[i] == exclusion::none) used.push_back(i);
    const bool live = c.excluded[i] != exclusion::expired && c.excluded[i] != exclusion::invalid;
    if (live && c.oi[i] > 0 && c.iv[i] >= p.min_iv && c.iv[i] <= p.max_iv) ours.push_back(i);
  }
  std::vector<double> d, g, va, ch;
  spot_greeks(c, used, c.sigma, d, g, va, ch);
  for (std::size_t j = 0; j < used.size(); ++j) {
    const std::size_t i = used[j];
    c.delta[i] = vendor ? c.vendor_delta[i] : d[j];
    c.gamma[i] = vendor ? c.vendor_gamma[i] : g[j];
    c.vanna[i] = va[j];
    c.charm[i] = ch[j];
    if (!vendor) c.model_gamma[i] = g[j];
  }
  if (vendor) {
    spot_greeks(c, ours, c.iv, d, g, va, ch);
    for (std::size_t j = 0; j < ours.size(); ++j) c.model_gamma[ours[j]] = g[j];
  }
  return c;
}

}  // namespace gd::exposure
