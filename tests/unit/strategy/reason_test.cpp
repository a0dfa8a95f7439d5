#include <gd/strategy/reason.hpp>

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace gd::strategy;

TEST_CASE("reason codes: stable snake_case names that round-trip", "[strategy][reason]") {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(reason_code::credit_not_below_width); ++i) {
    const auto r = static_cast<reason_code>(i);
    const std::string name(to_string(r));
    INFO(i);
    CHECK(name != "unknown");
    CHECK(names.insert(name).second);
    CHECK(reason_from_string(name) == r);
  }
  CHECK(to_string(reason_code::degraded_chain) == "degraded_chain");
  CHECK(to_string(reason_code::kill_switch) == "kill_switch");
  CHECK_FALSE(reason_from_string("nope").has_value());
}
