#include <gd/quant/slice_quality.hpp>

#include <vector>

#include <catch2/catch.hpp>

using namespace gd;
using namespace gd::quant;

namespace {

// n strikes whose puts have mid 10 and the given spread / OI; calls absent.
std::vector<slice_quote> puts(int n, double spread, std::int64_t oi) {
  std::vector<slice_quote> q;
  for (int i = 0; i < n; ++i) q.push_back({3900.0 + 5.0 * i, option_right::put, 10.0 - spread / 2, 10.0 + spread / 2, oi});
  return q;
}

}  // namespace

TEST_CASE("a liquid quote: OI >= 50, spread <= 20% of mid, two-sided", "[grading]") {
  const liquidity_config cfg;
  CHECK(is_liquid(9.0, 11.0, 50, cfg));          // spread 2 = 20% of 10: at the limit
  CHECK_FALSE(is_liquid(8.9, 11.1, 50, cfg));    // 22%
  CHECK_FALSE(is_liquid(9.0, 11.0, 49, cfg));    // OI below 50
  CHECK_FALSE(is_liquid(0.0, 0.1, 5000, cfg));   // zero bid
  CHECK_FALSE(is_liquid(11.0, 9.0, 5000, cfg));  // crossed
  CHECK_FALSE(is_liquid(nan_v, 9.0, 5000, cfg));
  liquidity_config loose{.min_open_interest = 10, .max_relative_spread = 0.5};
  CHECK(is_liquid(8.9, 11.1, 10, loose));
}

TEST_CASE("fewer than 8 liquid strikes degrades the slice", "[grading]") {
  const slice_grade ok = grade_slice(puts(8, 1.0, 100));
  CHECK_FALSE(ok.degraded);
  CHECK(ok.liquid_strikes == 8);
  CHECK(ok.liquid_puts == 8);
  CHECK(ok.liquid_calls == 0);
  CHECK(ok.reason.empty());

  auto q = puts(7, 1.0, 100);
  auto wide = puts(5, 5.0, 100);  // 50% spreads: two-sided but not liquid
  for (auto& w : wide) w.strike += 1000.0;
  q.insert(q.end(), wide.begin(), wide.end());
  const slice_grade bad = grade_slice(q);
  CHECK(bad.degraded);
  CHECK(bad.strikes == 12);
  CHECK(bad.two_sided_quotes == 12);
  CHECK(bad.liquid_strikes == 7);
  CHECK(bad.reason.find("7 liquid strikes (need 8") != std::string::npos);

  // Configurable threshold.
  CHECK_FALSE(grade_slice(q, liquidity_config{.min_liquid_strikes = 7}).degraded);
}

TEST_CASE("a strike is liquid when its call or its put is", "[grading]") {
  std::vector<slice_quote> q;
  for (int i = 0; i < 10; ++i) {
    const double K = 4000.0 + 10.0 * i;
    q.push_back({K, option_right::call, 10.0, 10.5, i % 2 == 0 ? 100 : 0});
    q.push_back({K, option_right::put, 10.0, 10.5, i % 2 == 1 ? 100 : 0});
  }
  const slice_grade g = grade_slice(q);
  CHECK(g.liquid_calls == 5);
  CHECK(g.liquid_puts == 5);
  CHECK(g.liquid_strikes == 10);
  CHECK_FALSE(g.degraded);
}

TEST_CASE("with a forward only the out-of-the-money quote makes a strike liquid", "[grading]") {
  // Ten strikes around 4000: tight liquid calls everywhere, puts wide (not liquid) everywhere.
  std::vector<slice_quote> q;
  for (int i = 0; i < 10; ++i) {
    const double K = 3950.0 + 10.0 * i;  // 3950..4040: five below 4000, five at or above
    q.push_back({K, option_right::call, 10.0, 10.5, 100});
    q.push_back({K, option_right::put, 5.0, 10.0, 100});
  }
  const slice_grade either = grade_slice(q);
  CHECK(either.liquid_strikes == 10);
  CHECK_FALSE(either.by_forward);
  const slice_grade otm = grade_slice(q, liquidity_config{}, 4000.0);
  CHECK(otm.by_forward);
  CHECK(otm.liquid_strikes == 5);  // only the calls at or above the forward
  CHECK(otm.degraded);
  CHECK(otm.reason.find("out-of-the-money") != std::string::npos);
}
