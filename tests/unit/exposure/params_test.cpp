#include <gd/exposure/params.hpp>

#include <catch2/catch.hpp>

using namespace gd::exposure;

TEST_CASE("exposure params: names round-trip and bad names are refused", "[exposure][params]") {
  for (auto v : {gamma_source::model, gamma_source::vendor}) {
    gamma_source out{};
    REQUIRE(parse(to_string(v), out));
    CHECK(out == v);
  }
  for (auto v : {dealer_convention::standard, dealer_convention::inverse, dealer_convention::customer_long}) {
    dealer_convention out{};
    REQUIRE(parse(to_string(v), out));
    CHECK(out == v);
  }
  for (auto v : {time_basis::calendar, time_basis::trading}) {
    time_basis out{};
    REQUIRE(parse(to_string(v), out));
    CHECK(out == v);
  }
  for (auto v : {scope_kind::all, scope_kind::zero_dte, scope_kind::max_dte, scope_kind::bucket,
                 scope_kind::expiration, scope_kind::opex}) {
    scope_kind out{};
    REQUIRE(parse(to_string(v), out));
    CHECK(out == v);
  }
  CHECK(std::string(to_string(scope_kind::zero_dte)) == "0dte");
  dealer_convention d = dealer_convention::inverse;
  CHECK_FALSE(parse("Standard", d));
  CHECK_FALSE(parse("", d));
  CHECK(d == dealer_convention::inverse);
}

TEST_CASE("exposure params: dealer signs", "[exposure][params]") {
  CHECK(signs_of(dealer_convention::standard).call == 1.0);
  CHECK(signs_of(dealer_convention::standard).put == -1.0);
  CHECK(signs_of(dealer_convention::inverse).call == -1.0);
  CHECK(signs_of(dealer_convention::inverse).put == 1.0);
  CHECK(signs_of(dealer_convention::customer_long).call == -1.0);
  CHECK(signs_of(dealer_convention::customer_long).put == -1.0);
}

TEST_CASE("exposure params: validation", "[exposure][params]") {
  exposure_params p;
  CHECK(validate(p).empty());
  p.profile_levels = 1;
  CHECK_FALSE(validate(p).empty());
  p = {};
  p.profile_low = 1.2;
  p.profile_high = 1.1;
  CHECK_FALSE(validate(p).empty());
  p = {};
  p.rate = 0.5;
  CHECK_FALSE(validate(p).empty());
  p = {};
  p.scope.kind = scope_kind::expiration;   // no date given
  CHECK_FALSE(validate(p).empty());
  p = {};
  p.min_iv = 1.0;
  p.max_iv = 0.5;
  CHECK_FALSE(validate(p).empty());
}
