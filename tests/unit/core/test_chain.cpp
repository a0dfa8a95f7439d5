#include <gd/core/chain.hpp>  // first: the header must compile on its own

#include <cmath>

#include <catch2/catch.hpp>

TEST_CASE("option_quote mid needs a sane two-sided market", "[chain]") {
  gd::option_quote q;
  CHECK_FALSE(q.has_two_sided());
  CHECK(std::isnan(q.mid()));
  q.bid = 1.5;
  q.ask = 1.7;
  CHECK(q.has_two_sided());
  CHECK(q.mid() == Approx(1.6));
  q.bid = 0.0;  // no bid
  CHECK(std::isnan(q.mid()));
  q.bid = 1.8;  // crossed
  CHECK_FALSE(q.has_two_sided());
}

TEST_CASE("chain model defaults mark missing values", "[chain]") {
  const gd::chain_row row{};
  CHECK(row.contract.multiplier == 100);
  CHECK(row.quote.open_interest == -1);
  CHECK(std::isnan(row.quote.greeks.iv));
  CHECK(static_cast<char>(gd::option_right::put) == 'P');
}
