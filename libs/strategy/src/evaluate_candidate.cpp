#include "evaluate_candidate.hpp"

#include <chrono>
#include <cmath>
#include <limits>

#include <gd/core/expiration_selection.hpp>
#include <gd/core/ny_time.hpp>

#include "format.hpp"

namespace gd::strategy::detail {
namespace {

const char* right_word(gd::option_right r) { return r == gd::option_right::put ? "put" : "call"; }

candidate& fail(candidate& c, reason_code r, std::string message) {
  c.reason = r;
  c.message = std::move(message);
  return c;
}

leg make_leg(const priced_quote& q, int quantity) {
  const auto& r = *q.row;
  return leg{.occ_symbol = r.contract.occ_symbol, .strike = r.contract.strike, .right = r.contract.right,
             .quantity = quantity, .bid = r.quote.bid, .ask = r.quote.ask, .mid = q.mid, .iv = q.iv,
             .delta = q.delta};
}

// The quote filters every leg must pass, in a fixed order: a missing side, crossed, stale, wide.
std::optional<std::pair<reason_code, std::string>> leg_problem(const gd::chain_row& r, const char* which,
                                                               gd::sys_time now, const filter_rules& f) {
  const double bid = r.quote.bid, ask = r.quote.ask;
  const char* sym = r.contract.occ_symbol.c_str();
  if (!(std::isfinite(bid) && bid > 0.0) || !(std::isfinite(ask) && ask > 0.0)) {
    return std::pair{reason_code::one_sided_quote, format("%s leg %s is one-sided (bid %.2f, ask %.2f)", which, sym, bid, ask)};
  }
  if (bid > ask) {
    return std::pair{reason_code::crossed_quote, format("%s leg %s is crossed (bid %.2f > ask %.2f)", which, sym, bid, ask)};
  }
  // quote_time is the epoch when the vendor does not say; the chain-level age check covers that.
  if (r.quote.quote_time != gd::sys_time{}) {
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - r.quote.quote_time).count();
    if (age > f.max_quote_age_seconds) {
      return std::pair{reason_code::stale_quote, format("%s leg %s quote is %llds old (max %d)", which, sym,
                                                        static_cast<long long>(age), f.max_quote_age_seconds)};
    }
  }
  if (ask - bid > f.max_leg_spread + 1e-9) {
    return std::pair{reason_code::wide_leg, format("%s leg %s bid-ask %.2f exceeds %.2f", which, sym, ask - bid,
                                                   f.max_leg_spread)};
  }
  return std::nullopt;
}

// The quote of `right` with a delta whose |delta| is nearest `target`, among those passing `keep`.
// A tie goes to the smaller |delta| (farther out of the money), then the strike order (deterministic).
template <class Keep>
const priced_quote* nearest_delta(const priced_slice& s, gd::option_right right, double target, Keep keep) {
  const priced_quote* best = nullptr;
  double best_gap = std::numeric_limits<double>::infinity();
  for (const auto& q : s.quotes) {
    if (q.row->contract.right != right || !std::isfinite(q.delta) || !keep(q)) continue;
    const double gap = std::abs(std::abs(q.delta) - target);
    if (gap < best_gap - 1e-12 || (std::abs(gap - best_gap) <= 1e-12 && std::abs(q.delta) < std::abs(best->delta))) {
      best = &q;
      best_gap = gap;
    }
  }
  return best;
}

}  // namespace

candidate evaluate_candidate(const candidate_context& ctx, const candidate_rule& rule, gd::option_right right) {
  const auto& cfg = ctx.config;
  candidate c{.target_dte = rule.dte, .target_delta = rule.short_delta, .right = right};

  const auto choice = gd::select_expiration(ctx.expirations, ctx.today, rule.dte, cfg.dte_tolerance_days, false);
  if (!choice) {
    return fail(c, reason_code::no_expiration, format("no expiration within %d day(s) of %s + %d days",
                                                      cfg.dte_tolerance_days, gd::format_date(ctx.today).c_str(), rule.dte));
  }
  c.expiration = choice->expiration;
  c.actual_dte = choice->actual_dte_days;
  const std::string exp_text = gd::format_date(choice->expiration);

  const date::sys_days key{choice->expiration};
  auto it = ctx.slices.find(key);
  if (it == ctx.slices.end()) {
    it = ctx.slices.emplace(key, price_slice(ctx.chain, cfg.root, choice->expiration, ctx.now, ctx.calendar, cfg)).first;
  }
  const priced_slice& s = it->second;
  c.years = s.time.years;
  c.forward = s.forward.forward;
  c.df = s.forward.df;

  if (s.time.expired) {
    return fail(c, reason_code::no_expiration, format("%s %s has already settled", cfg.root.c_str(), exp_text.c_str()));
  }
  if (s.quotes.empty()) {
    return fail(c, reason_code::root_not_listed, format("no %s rows expire on %s in the chain", cfg.root.c_str(), exp_text.c_str()));
  }
  if (s.grade.degraded) {
    return fail(c, reason_code::degraded_chain, format("%s %s: %s", cfg.root.c_str(), exp_text.c_str(), s.grade.reason.c_str()));
  }
  if (!s.forward.ok()) {
    return fail(c, reason_code::no_forward, format("%s %s: no forward from put-call parity (%s)", cfg.root.c_str(),
                                                   exp_text.c_str(), s.forward.reason.c_str()));
  }

  // Short leg: only out-of-the-money quotes with a mid and an implied vol have a delta of ours.
  const priced_quote* sq = nearest_delta(s, right, rule.short_delta, [](const priced_quote& q) { return q.out_of_the_money; });
  if (!sq) {
    return fail(c, reason_code::no_short_candidate,
                format("no out-of-the-money %s on %s with a two-sided quote and an implied vol", right_word(right), exp_text.c_str()));
  }
  c.short_leg = make_leg(*sq, -1);
  const double short_abs = std::abs(sq->delta);
  if (std::abs(short_abs - rule.short_delta) > cfg.filters.max_delta_deviation + 1e-12) {
    return fail(c, reason_code::delta_out_of_range,
                format("nearest %s |delta| %.3f (strike %.0f) misses the target %.2f by more than %.2f", right_word(right),
                       short_abs, sq->row->contract.strike, rule.short_delta, cfg.filters.max_delta_deviation));
  }

  // Long leg: farther out of the money, by width (that exact strike) or by delta.
  const double short_k = sq->row->contract.strike;
  const double farther = right == gd::option_right::put ? -1.0 : 1.0;
  const priced_quote* lq = nullptr;
  if (cfg.long_leg.mode == long_leg_mode::width) {
    const double want = short_k + farther * cfg.long_leg.width;
    for (const auto& q : s.quotes) {
      if (q.row->contract.right == right && std::abs(q.row->contract.strike - want) < 1e-6) lq = &q;
    }
    if (!lq) {
      return fail(c, reason_code::long_leg_missing, format("no %s %s at strike %.2f (%.2f points beyond the short %.2f)",
                                                           cfg.root.c_str(), right_word(right), want, cfg.long_leg.width, short_k));
    }
  } else {
    lq = nearest_delta(s, right, cfg.long_leg.delta, [&](const priced_quote& q) {
      return farther * (q.row->contract.strike - short_k) > 0.0;
    });
    if (!lq) {
      return fail(c, reason_code::long_leg_missing,
                  format("no %s beyond the short strike %.2f with a delta near %.2f", right_word(right), short_k, cfg.long_leg.delta));
    }
  }
  c.long_leg = make_leg(*lq, +1);

  if (auto p = leg_problem(*sq->row, "short", ctx.now, cfg.filters)) return fail(c, p->first, p->second);
  if (auto p = leg_problem(*lq->row, "long", ctx.now, cfg.filters)) return fail(c, p->first, p->second);

  const double width = std::abs(short_k - lq->row->contract.strike);
  const auto& sqt = sq->row->quote;
  const auto& lqt = lq->row->quote;
  c.prices = price_spread(sqt.bid, sqt.ask, lqt.bid, lqt.ask, width, cfg.pricing.fill_spread_factor, cfg.pricing.tick,
                          cfg.pricing.multiplier);
  const auto& p = *c.prices;
  if (p.credit_limit >= width || p.credit_mid >= width) {
    return fail(c, reason_code::credit_not_below_width,
                format("credit %.2f (mid %.2f) is not below the width %.2f: bad quotes", p.credit_limit, p.credit_mid, width));
  }
  if (p.credit_limit < cfg.filters.min_credit - 1e-9) {
    return fail(c, reason_code::credit_below_minimum, format("limit credit %.2f (mid %.2f) is below the minimum %.2f",
                                                             p.credit_limit, p.credit_mid, cfg.filters.min_credit));
  }
  return fail(c, reason_code::trade,
              format("sell %s %.0f/%.0f %s credit spread on %s: |delta| %.3f, limit credit %.2f, max loss %.2f",
                     cfg.root.c_str(), short_k, lq->row->contract.strike, right_word(right), exp_text.c_str(), short_abs,
                     p.credit_limit, p.max_loss));
}

}  // namespace gd::strategy::detail
