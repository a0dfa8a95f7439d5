#include <gd/quant/svi_arbitrage.hpp>

#include <vector>

#include <catch2/catch.hpp>

using namespace gd::quant;

TEST_CASE("butterfly check flags a known arbitrageable svi slice", "[svi][arbitrage]") {
  // Axel Vogt's example (Gatheral & Jacquier 2014, "Arbitrage-free SVI volatility surfaces", T = 1):
  // g(k) dips below zero for k between about 0.5 and 1.1.
  const svi_params vogt{-0.0410, 0.1331, 0.3060, 0.3586, 0.4153};
  const butterfly_check bad = check_butterfly(vogt, -1.5, 1.5);
  CHECK_FALSE(bad.arbitrage_free);
  CHECK(bad.min_g < -0.01);
  CHECK(bad.k_at_min_g > 0.5);
  CHECK(bad.k_at_min_g < 1.2);
  CHECK(bad.negative_points > 0);

  const svi_params clean{0.04, 0.4, -0.4, 0.05, 0.2};
  const butterfly_check good = check_butterfly(clean, -1.5, 1.5);
  CHECK(good.arbitrage_free);
  CHECK(good.min_g > 0.0);

  // Negative total variance is flagged too.
  const svi_params negative{-0.05, 0.1, 0.0, 0.0, 0.1};
  CHECK(check_butterfly(negative, -0.5, 0.5).negative_variance);
}

TEST_CASE("calendar check flags crossing total variance", "[svi][arbitrage]") {
  const svi_params earlier{0.04, 0.2, -0.5, 0.0, 0.2};          // w(0) = 0.08
  const svi_params crossing{0.05, 0.1, 0.0, 0.0, 0.2};          // w(0) = 0.07: below the earlier slice
  const svi_params later{0.06, 0.2, -0.5, 0.0, 0.2};            // the earlier slice shifted up
  const calendar_check bad = check_calendar(earlier, crossing, -1.0, 1.0);
  CHECK_FALSE(bad.arbitrage_free);
  CHECK(bad.max_violation > 0.0);
  CHECK(bad.violating_points > 0);
  const calendar_check good = check_calendar(earlier, later, -1.0, 1.0);
  CHECK(good.arbitrage_free);
  CHECK(good.max_violation == Approx(-0.02).margin(1e-12));

  const std::vector<svi_params> term{earlier, later, crossing};
  const auto links = check_calendar_term(term, -1.0, 1.0);
  REQUIRE(links.size() == 2);
  CHECK(links[0].arbitrage_free);
  CHECK_FALSE(links[1].arbitrage_free);
}
