#include <gd/execution/repricing.hpp>

#include <random>

#include "fixtures.hpp"

#include <gd/execution/price_tick.hpp>

using namespace gd::execution;
using namespace gd::execution::test;

namespace {
// natural credit 2.00 - 0.95 = 1.05; natural debit 2.20 - 0.80 = 1.40
const spread_quote q{{2.00, 2.20}, {0.80, 0.95}};

order working(order_intent intent, double limit) {
  order o = accepted_order();
  o.intent = intent;
  o.limit_price = limit;
  o.last_sent_at = at(15, 0);
  return o;
}

std::vector<double> ladder(order o, const reprice_policy& p, gd::sys_time now) {
  std::vector<double> out;
  for (int i = 0; i < 50; ++i) {
    const auto d = next_limit(o, now, q, p);
    if (!d.new_limit) break;
    out.push_back(*d.new_limit);
    o.limit_price = *d.new_limit;
  }
  return out;
}
}  // namespace

TEST_CASE("re-pricing waits, then steps a credit down one tick at a time to the natural price", "[execution][reprice]") {
  const reprice_policy p{std::chrono::seconds{120}, 1, 0.05, 1.00};
  const order o = working(order_intent::open, 1.30);
  CHECK(next_limit(o, at(15, 1), q, p).reason == "waiting");
  CHECK(*next_limit(o, at(15, 2), q, p).new_limit == Approx(1.25));
  const auto steps = ladder(o, p, at(15, 2));
  REQUIRE(steps.size() == 5);
  CHECK(steps.back() == Approx(1.05));  // natural credit: lower would only give money away
}

TEST_CASE("re-pricing never crosses the worst acceptable credit", "[execution][reprice]") {
  const order o = working(order_intent::open, 1.30);
  SECTION("worst 1.12: the last step is 1.15 (rounded up, never below)") {
    const auto steps = ladder(o, {std::chrono::seconds{120}, 1, 0.05, 1.12}, at(15, 5));
    REQUIRE_FALSE(steps.empty());
    CHECK(steps.back() == Approx(1.15));
  }
  SECTION("bigger steps clamp at the floor") {
    const auto steps = ladder(o, {std::chrono::seconds{120}, 3, 0.05, 1.00}, at(15, 5));
    REQUIRE(steps.size() == 2);
    CHECK(steps[0] == Approx(1.15));
    CHECK(steps[1] == Approx(1.05));
  }
  SECTION("already at the worst: nothing to do") {
    CHECK_FALSE(next_limit(working(order_intent::open, 1.15), at(15, 5), q, {std::chrono::seconds{120}, 1, 0.05, 1.15})
                    .new_limit);
  }
}

TEST_CASE("re-pricing a debit exit steps up, capped by the worst debit and the natural debit", "[execution][reprice]") {
  const order o = working(order_intent::close, 1.30);
  auto steps = ladder(o, {std::chrono::seconds{120}, 1, 0.05, 1.50}, at(15, 5));
  REQUIRE(steps.size() == 2);
  CHECK(steps.back() == Approx(1.40));
  steps = ladder(o, {std::chrono::seconds{120}, 1, 0.05, 1.37}, at(15, 5));
  REQUIRE(steps.size() == 1);
  CHECK(steps.back() == Approx(1.35));
}

TEST_CASE("re-pricing leaves alone what is not an unfilled working order", "[execution][reprice]") {
  const reprice_policy p{std::chrono::seconds{120}, 1, 0.05, 1.00};
  order partial = working(order_intent::open, 1.30);
  partial.filled_quantity = 1;
  CHECK_FALSE(next_limit(partial, at(15, 5), q, p).new_limit);
  CHECK_FALSE(next_limit(entry_order(), at(15, 5), q, p).new_limit);
  CHECK(next_limit(working(order_intent::open, 1.30), at(15, 5), {{0.0, 2.2}, {0.8, 0.95}}, p).reason ==
        "no usable quote");
}

TEST_CASE("property: every re-price is on the tick, one step or less, and never past the worst credit",
          "[execution][reprice]") {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 5000; ++i) {
    const double sb = 0.5 + 5 * u(rng), lb = 0.05 + 0.4 * sb * u(rng);
    const spread_quote s{{sb, sb + 0.5 * u(rng)}, {lb, lb + 0.3 * u(rng)}};
    const double limit = round_credit(s.mid() + 0.5 * u(rng));
    if (limit <= 0.0) continue;
    const double worst = 2.0 * limit * u(rng);
    order o = working(order_intent::open, limit);
    const auto d = next_limit(o, at(15, 5), s, {std::chrono::seconds{120}, 1, 0.05, worst});
    if (!d.new_limit) continue;
    CHECK(on_tick(*d.new_limit));
    CHECK(*d.new_limit >= worst - 1e-9);
    CHECK(*d.new_limit < limit);
    CHECK(*d.new_limit >= limit - 0.05 - 1e-9);
  }
}
