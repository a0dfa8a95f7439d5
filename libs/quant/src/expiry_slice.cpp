#include <gd/quant/expiry_slice.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace gd::quant {

bool is_two_sided(double bid, double ask) noexcept {
  return std::isfinite(bid) && std::isfinite(ask) && bid > 0.0 && ask >= bid;
}

std::vector<strike_pair> pair_by_strike(std::span<const slice_quote> quotes) {
  std::vector<const slice_quote*> sorted;
  sorted.reserve(quotes.size());
  for (const auto& q : quotes) {
    if (std::isfinite(q.strike) && q.strike > 0.0) sorted.push_back(&q);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const slice_quote* a, const slice_quote* b) { return a->strike < b->strike; });
  std::vector<strike_pair> out;
  for (const slice_quote* q : sorted) {
    if (out.empty() || out.back().strike != q->strike) out.push_back(strike_pair{.strike = q->strike});
    strike_pair& p = out.back();
    if (q->right == option_right::call) {
      p.has_call = true;
      p.call_bid = q->bid;
      p.call_ask = q->ask;
      p.call_oi = q->open_interest;
    } else {
      p.has_put = true;
      p.put_bid = q->bid;
      p.put_ask = q->ask;
      p.put_oi = q->open_interest;
    }
  }
  return out;
}

namespace {

slice_quote to_slice_quote(const chain_row& r) {
  return slice_quote{r.contract.strike, r.contract.right, r.quote.bid, r.quote.ask, r.quote.open_interest};
}

// (days since epoch, AM first) orders slices by expiration then settlement.
using slice_key = std::pair<int, int>;

slice_key key_of(date::year_month_day d, settlement_style s) {
  return {date::sys_days{d}.time_since_epoch().count(), s == settlement_style::am ? 0 : 1};
}

}  // namespace

expiry_slice slice_from_chain(const std::vector<chain_row>& rows, date::year_month_day expiration,
                              settlement_style settlement) {
  expiry_slice s{.expiration = expiration, .settlement = settlement};
  bool mixed_roots = false;
  for (const auto& r : rows) {
    if (r.contract.expiration != expiration || r.contract.settlement != settlement) continue;
    if (s.quotes.empty()) {
      s.root = r.contract.root;
    } else if (r.contract.root != s.root) {
      mixed_roots = true;
    }
    s.quotes.push_back(to_slice_quote(r));
  }
  if (mixed_roots) s.root.clear();
  return s;
}

std::vector<expiry_slice> slices_from_chain(const std::vector<chain_row>& rows) {
  std::map<slice_key, expiry_slice> by_key;
  std::map<slice_key, bool> mixed;
  for (const auto& r : rows) {
    const slice_key key = key_of(r.contract.expiration, r.contract.settlement);
    auto [it, inserted] = by_key.try_emplace(key);
    expiry_slice& s = it->second;
    if (inserted) {
      s.expiration = r.contract.expiration;
      s.settlement = r.contract.settlement;
      s.root = r.contract.root;
    } else if (s.root != r.contract.root) {
      mixed[key] = true;
    }
    s.quotes.push_back(to_slice_quote(r));
  }
  std::vector<expiry_slice> out;
  out.reserve(by_key.size());
  for (auto& [key, s] : by_key) {
    if (mixed.count(key)) s.root.clear();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace gd::quant
