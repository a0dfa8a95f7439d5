// The simulated broker: fills by the shared fill model at the limit, day orders expiring at the
// close, positions from fills and gone after settlement, the book surviving a restart.
#include <catch2/catch.hpp>

#include <gd/core/ny_time.hpp>
#include <gd/execution/client_tag.hpp>
#include <gd/providers/simulated_broker.hpp>

using namespace date::literals;
using namespace std::chrono_literals;
namespace ex = gd::execution;

namespace {

const std::string short_put = "SPXW250110P05800000";
const std::string long_put = "SPXW250110P05775000";

// Short 5800 put 3.00/3.40 (mid 3.20), long 5775 put 1.90/2.10 (mid 2.00): package mid 1.20,
// width 0.60, so the model entry credit is 1.20 - 0.3 x 0.60 = 1.02 -> 1.00 on the tick.
struct market {
  ex::spread_quote quote{{3.00, 3.40}, {1.90, 2.10}};
  bool available = true;
  int calls = 0;
  gd::result<ex::spread_quote> operator()(const std::string& s, const std::string& l) {
    ++calls;
    REQUIRE(s == short_put);
    REQUIRE(l == long_put);
    if (!available) return gd::error{"no_quote", "no quote"};
    return quote;
  }
};

ex::order entry(double limit, int attempt = 1) {
  ex::order o;
  o.tag = ex::make_client_tag({2025_y / 1 / 7, 1000, ex::order_intent::open, attempt});
  o.intent = ex::order_intent::open;
  o.legs = {{short_put, ex::leg_side::sell_to_open}, {long_put, ex::leg_side::buy_to_open}};
  o.quantity = 2;
  o.limit_price = limit;
  return o;
}

ex::order exit_order(double limit) {
  ex::order o;
  o.tag = ex::make_client_tag({2025_y / 1 / 7, 1000, ex::order_intent::close, 1});
  o.intent = ex::order_intent::close;
  o.legs = {{short_put, ex::leg_side::buy_to_close}, {long_put, ex::leg_side::sell_to_close}};
  o.quantity = 2;
  o.limit_price = limit;
  return o;
}

gd::sys_time ny(date::year_month_day d, int hh, int mm) { return gd::ny_to_utc(d, std::chrono::hours(hh) + std::chrono::minutes(mm)); }

int position_of(ex::broker& b, const std::string& symbol) {
  auto p = b.positions();
  REQUIRE(p);
  for (const auto& x : *p) {
    if (x.symbol == symbol) return x.quantity;
  }
  return 0;
}

}  // namespace

TEST_CASE("simulated broker fills a marketable entry at its limit and books the positions") {
  gd::manual_clock clock(ny(2025_y / 1 / 7, 10, 0));
  market m;
  gd::providers::simulated_broker b(clock, std::ref(m), {});
  auto id = b.submit(entry(1.00));
  REQUIRE(id);
  auto status = b.order_status(*id);
  REQUIRE(status);
  CHECK(status->status == ex::broker_status::filled);
  CHECK(status->exec_quantity == 2);
  CHECK(status->avg_fill_price == Approx(1.00));
  CHECK(status->tag == entry(1.00).tag);
  CHECK(position_of(b, short_put) == -2);
  CHECK(position_of(b, long_put) == 2);
}

TEST_CASE("simulated broker works an unmarketable limit until the market reaches it, or the close") {
  gd::manual_clock clock(ny(2025_y / 1 / 7, 10, 0));
  market m;
  gd::providers::simulated_broker b(clock, std::ref(m), {});
  auto id = b.submit(entry(1.10));  // above the 1.00 model credit
  REQUIRE(id);
  CHECK(b.order_status(*id)->status == ex::broker_status::open);
  CHECK(position_of(b, short_put) == 0);

  SECTION("the market moves to it: filled at the limit, not better") {
    m.quote = {{3.20, 3.40}, {1.90, 2.00}};  // mid 1.35, width 0.30 -> model 1.26
    clock.advance(1min);
    auto s = b.order_status(*id);
    CHECK(s->status == ex::broker_status::filled);
    CHECK(s->avg_fill_price == Approx(1.10));
  }
  SECTION("it never does: expired at the close, nothing held") {
    clock.set(ny(2025_y / 1 / 7, 16, 0));
    CHECK(b.order_status(*id)->status == ex::broker_status::expired);
    CHECK(position_of(b, short_put) == 0);
  }
  SECTION("no quote: no fill, the order keeps working") {
    m.available = false;
    clock.advance(1min);
    CHECK(b.order_status(*id)->status == ex::broker_status::open);
  }
  SECTION("cancelled, then not cancellable again") {
    REQUIRE(b.cancel(*id));
    CHECK(b.order_status(*id)->status == ex::broker_status::canceled);
    auto again = b.cancel(*id);
    REQUIRE_FALSE(again);
    CHECK(again.err().code == ex::broker_errors::not_cancellable);
  }
}

TEST_CASE("simulated broker closes positions with an exit and drops them after settlement") {
  gd::manual_clock clock(ny(2025_y / 1 / 7, 10, 0));
  market m;
  gd::providers::simulated_broker b(clock, std::ref(m), {});
  REQUIRE(b.submit(entry(1.00)));
  REQUIRE(position_of(b, short_put) == -2);

  SECTION("an exit at the model debit flattens the book") {
    // model debit = 1.20 + 0.3 x 0.60 = 1.38 -> 1.40 on the tick
    CHECK_FALSE(b.submit(exit_order(1.35)).value().empty());
    CHECK(position_of(b, short_put) == -2);  // 1.35 < 1.40: still working
    auto id = b.submit(exit_order(1.40));
    REQUIRE(id);
    CHECK(b.order_status(*id)->status == ex::broker_status::filled);
    CHECK(position_of(b, short_put) == -2 + 2);
    CHECK(position_of(b, long_put) == 0);
  }
  SECTION("held to expiration: gone after the PM settlement") {
    clock.set(ny(2025_y / 1 / 10, 15, 59));
    CHECK(position_of(b, short_put) == -2);
    clock.set(ny(2025_y / 1 / 10, 16, 0));
    CHECK(position_of(b, short_put) == 0);
    CHECK(position_of(b, long_put) == 0);
  }
}

TEST_CASE("simulated broker refuses malformed orders with broker_rejected") {
  gd::manual_clock clock(ny(2025_y / 1 / 7, 10, 0));
  market m;
  gd::providers::simulated_broker b(clock, std::ref(m), {});
  auto off_tick = b.submit(entry(1.02));
  REQUIRE_FALSE(off_tick);
  CHECK(off_tick.err().code == ex::broker_errors::rejected);
  auto bad_side = entry(1.00);
  bad_side.legs[1].side = ex::leg_side::sell_to_close;
  CHECK(b.submit(bad_side).err().code == ex::broker_errors::rejected);
  auto one_leg = entry(1.00);
  one_leg.legs.pop_back();
  CHECK(b.submit(one_leg).err().code == ex::broker_errors::rejected);
  CHECK(b.orders()->empty());
}

TEST_CASE("simulated broker's book survives a restart through save") {
  gd::manual_clock clock(ny(2025_y / 1 / 7, 10, 0));
  market m;
  nlohmann::json saved;
  int saves = 0;
  gd::providers::simulated_broker_options o;
  o.save = [&](const nlohmann::json& j) {
    saved = j;
    ++saves;
  };
  std::string id;
  {
    gd::providers::simulated_broker b(clock, std::ref(m), o);
    id = b.submit(entry(1.00)).value();
    REQUIRE(b.submit(entry(1.50, 2)));
  }
  CHECK(saves >= 2);
  o.saved = saved;
  gd::providers::simulated_broker again(clock, std::ref(m), o);
  auto list = again.orders();
  REQUIRE(list);
  REQUIRE(list->size() == 2);
  CHECK(again.order_status(id)->status == ex::broker_status::filled);
  CHECK(position_of(again, short_put) == -2);
  auto next = again.submit(entry(1.00, 3));
  REQUIRE(next);
  CHECK(*next != id);  // ids keep counting

  o.saved = nlohmann::json{{"version", 99}};
  CHECK_THROWS_AS(gd::providers::simulated_broker(clock, std::ref(m), o), std::invalid_argument);
}
