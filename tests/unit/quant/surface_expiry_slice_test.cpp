#include <gd/quant/expiry_slice.hpp>

#include <vector>

#include <catch2/catch.hpp>

using namespace gd;
using namespace gd::quant;

namespace {

date::year_month_day ymd(int y, unsigned m, unsigned d) {
  return date::year_month_day{date::year{y}, date::month{m}, date::day{d}};
}

}  // namespace

TEST_CASE("slices from chain rows group by expiration and settlement", "[expiry_analysis]") {
  std::vector<chain_row> rows(3);
  rows[0].contract = {"", "SPXW", "SPX", ymd(2024, 3, 15), 5000.0, option_right::call, settlement_style::pm, 100};
  rows[1].contract = {"", "SPX", "SPX", ymd(2024, 3, 15), 5000.0, option_right::put, settlement_style::am, 100};
  rows[2].contract = {"", "SPXW", "SPX", ymd(2024, 3, 15), 5010.0, option_right::put, settlement_style::pm, 100};
  rows[2].quote.bid = 1.0;
  const auto slices = slices_from_chain(rows);
  REQUIRE(slices.size() == 2);
  CHECK(slices[0].settlement == settlement_style::am);
  CHECK(slices[0].quotes.size() == 1);
  CHECK(slices[1].root == "SPXW");
  CHECK(slices[1].quotes.size() == 2);
  CHECK(slices[1].quotes[1].bid == 1.0);
  const expiry_slice one = slice_from_chain(rows, ymd(2024, 3, 15), settlement_style::pm);
  CHECK(one.quotes.size() == 2);
  const auto pairs = pair_by_strike(one.quotes);
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].has_call);
  CHECK_FALSE(pairs[0].has_put);
  CHECK(pairs[1].has_put);
}

TEST_CASE("two-sided means bid > 0 and ask >= bid", "[expiry_slice]") {
  CHECK(is_two_sided(1.0, 1.0));
  CHECK(is_two_sided(1.0, 1.1));
  CHECK_FALSE(is_two_sided(0.0, 1.0));
  CHECK_FALSE(is_two_sided(1.1, 1.0));
  CHECK_FALSE(is_two_sided(nan_v, 1.0));
  CHECK_FALSE(is_two_sided(1.0, nan_v));
}
