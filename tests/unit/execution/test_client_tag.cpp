#include <gd/execution/client_tag.hpp>

#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

using namespace gd::execution;
using namespace date;

TEST_CASE("client tags are deterministic from date, slot, purpose and attempt", "[execution][tag]") {
  const tag_parts p{year{2025} / 1 / 7, 1000, order_intent::open, 1};
  CHECK(make_client_tag(p) == "gd-20250107-1000-open-a1");
  CHECK(make_client_tag(p) == make_client_tag(p));
  CHECK(make_client_tag({year{2025} / 12 / 19, 1100, order_intent::close, 2}) == "gd-20251219-1100-close-a2");
  CHECK(make_client_tag({year{2025} / 1 / 7, 1000, order_intent::open, 2}) != make_client_tag(p));
  CHECK(make_client_tag({year{2025} / 1 / 7, 1200, order_intent::open, 1}) != make_client_tag(p));
  CHECK(is_valid_tradier_tag(make_client_tag({year{2025} / 1 / 7, 930, order_intent::close, 999})));
}

TEST_CASE("client tags refuse what cannot be a slot or attempt", "[execution][tag]") {
  CHECK_THROWS_AS(make_client_tag({year{2025} / 1 / 7, 1060, order_intent::open, 1}), std::invalid_argument);
  CHECK_THROWS_AS(make_client_tag({year{2025} / 1 / 7, 2400, order_intent::open, 1}), std::invalid_argument);
  CHECK_THROWS_AS(make_client_tag({year{2025} / 1 / 7, 1000, order_intent::open, 0}), std::invalid_argument);
  CHECK_THROWS_AS(make_client_tag({year{2025} / 2 / 30, 1000, order_intent::open, 1}), std::invalid_argument);
}

TEST_CASE("Tradier tag rule: letters, digits and dashes, at most 255", "[execution][tag]") {
  CHECK(is_valid_tradier_tag("ABC-123-xyz"));
  CHECK(is_valid_tradier_tag(std::string(255, 'a')));
  CHECK_FALSE(is_valid_tradier_tag(std::string(256, 'a')));
  CHECK_FALSE(is_valid_tradier_tag(""));
  CHECK_FALSE(is_valid_tradier_tag("a_b"));
  CHECK_FALSE(is_valid_tradier_tag("a b"));
  CHECK_FALSE(is_valid_tradier_tag("a.b"));
}

TEST_CASE("client tags parse back, and the next attempt is the same intent", "[execution][tag]") {
  const tag_parts p{year{2025} / 1 / 7, 930, order_intent::close, 7};
  const auto back = parse_client_tag(make_client_tag(p));
  REQUIRE(back);
  CHECK(back->trade_date == p.trade_date);
  CHECK(back->slot_hhmm == 930);
  CHECK(back->intent == order_intent::close);
  CHECK(back->attempt == 7);
  CHECK(next_attempt_tag("gd-20250107-1000-open-a1") == "gd-20250107-1000-open-a2");
  CHECK_FALSE(next_attempt_tag("gd-20250107-1000-open-a999"));
  CHECK_FALSE(parse_client_tag("gd-20250107-1000-open-a1x"));
  CHECK_FALSE(parse_client_tag("gd-20250107-1000-shut-a1"));
  CHECK_FALSE(parse_client_tag("gd-20250107-1000-open-a01"));
  CHECK_FALSE(parse_client_tag("someone-elses-tag"));
}
