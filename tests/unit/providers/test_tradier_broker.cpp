// tradier_broker over real loopback HTTP (gd::net::http_client) against the fake Tradier paper
// account: the round trip, Tradier's quirks on the wire, both rejection shapes, the after-accept
// faults that must end as unknown_outcome with the order findable by its tag, fill-after-cancel,
// and that no POST is ever sent twice and no message carries the token.
#include <gd/providers/tradier_broker.hpp>

#include <chrono>
#include <functional>
#include <sstream>

#include <catch2/catch.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <gd/net/http_client.hpp>
#include <gd/providers/net_http_getter.hpp>

#include "fake_tradier.hpp"
#include "fake_tradier_account.hpp"

using namespace gd::providers;
using gd::execution::broker_status;
using gd::execution::leg_side;
using gd::execution::order;
using gd::execution::order_intent;
using gd::fakes::fake_tradier;
using gd::fakes::fault;
using gd::fakes::fill_mode;
using gd::fakes::fill_plan;
using gd::fakes::placement_fault;
namespace broker_errors = gd::execution::broker_errors;
using std::chrono::milliseconds;

namespace {

constexpr const char* token = "SECRET-paper-token-Zx81";
const std::string account = "VA000001";
const std::string orders_path = "/v1/accounts/VA000001/orders";
const std::string positions_path = "/v1/accounts/VA000001/positions";

order spread(const std::string& tag, int quantity = 1, double limit = 1.25, order_intent intent = order_intent::open) {
  order o;
  o.tag = tag;
  o.intent = intent;
  o.underlying = "SPX";
  o.quantity = quantity;
  o.limit_price = limit;
  if (intent == order_intent::open) {
    o.legs = {{"SPXW250110P05800000", leg_side::sell_to_open}, {"SPXW250110P05790000", leg_side::buy_to_open}};
  } else {
    o.legs = {{"SPXW250110P05800000", leg_side::buy_to_close}, {"SPXW250110P05790000", leg_side::sell_to_close}};
  }
  return o;
}

// Every error message a test saw, to prove none carries the token.
std::vector<std::string> seen_messages;

template <class T>
gd::error failed(const gd::result<T>& r) {
  REQUIRE_FALSE(r);
  seen_messages.push_back(r.err().message);
  return r.err();
}

struct world {
  fake_tradier fake;
  std::shared_ptr<gd::fakes::fake_account> acct;
  std::shared_ptr<gd::net::http_client> client;
  tradier_broker broker;

  explicit world(fill_plan default_plan = {}, const std::function<void(gd::net::client_options&)>& tweak = {},
                 std::string bearer = token)
      : fake(gd::fakes::fake_tradier_options{token}),
        acct(install(fake, default_plan)),
        client(make_client(fake, tweak, std::move(bearer))),
        broker(std::make_shared<net_http_getter>(client), account) {}

  static std::shared_ptr<gd::fakes::fake_account> install(fake_tradier& f, fill_plan plan) {
    gd::fakes::fake_account_options o;
    o.account_id = account;
    o.default_plan = plan;
    auto a = gd::fakes::install_account(f, o);
    f.start();
    return a;
  }

  static std::shared_ptr<gd::net::http_client> make_client(fake_tradier& f,
                                                           const std::function<void(gd::net::client_options&)>& tweak,
                                                           std::string bearer) {
    gd::net::client_options o;
    o.base_url = f.base_url();
    o.bearer_token = std::move(bearer);
    o.log_name = "tradier";
    o.deadline = milliseconds{1'500};
    o.total_budget = milliseconds{6'000};
    o.backoff_base = milliseconds{10};
    o.backoff_cap = milliseconds{40};
    if (tweak) tweak(o);
    return std::make_shared<gd::net::http_client>(o);
  }

  std::size_t posts() const {
    std::size_t n = 0;
    for (const auto& r : fake.requests()) n += (r.method == "POST" && r.path == orders_path) ? 1 : 0;
    return n;
  }
};

fill_plan plan(fill_mode m) {
  fill_plan p;
  p.fill = m;
  return p;
}

// Routes spdlog's default logger into a string while alive.
class log_capture {
 public:
  log_capture() : previous_(spdlog::default_logger()) {
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("broker-capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)));
  }
  ~log_capture() {
    spdlog::set_default_logger(previous_);
    spdlog::drop("broker-capture");
  }
  log_capture(const log_capture&) = delete;
  log_capture& operator=(const log_capture&) = delete;
  std::string text() const { return out_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream out_;
};

}  // namespace

TEST_CASE("tradier broker over loopback: submit, list, status, fill, positions, cancel", "[broker][tradier][fake]") {
  world w{plan(fill_mode::open)};
  const auto empty = w.broker.orders();  // {"orders":"null"} on the wire
  REQUIRE(empty);
  CHECK(empty->empty());
  const auto flat = w.broker.positions();  // {"positions":"null"}
  REQUIRE(flat);
  CHECK(flat->empty());

  const auto id = w.broker.submit(spread("gd-20250107-1000-open-a1", 2, 1.25));
  REQUIRE(id);
  CHECK(*id == "257459");

  // The form as Tradier reads it.
  const auto posts = w.acct->posts();
  REQUIRE(posts.size() == 1);
  const auto sent = w.fake.requests().back();
  CHECK(sent.header("content-type") == "application/x-www-form-urlencoded");
  CHECK(sent.header("authorization") == "Bearer " + std::string{token});
  const auto form = sent.form();
  CHECK(form.find("class")->second == "multileg");
  CHECK(form.find("symbol")->second == "SPX");
  CHECK(form.find("type")->second == "credit");
  CHECK(form.find("duration")->second == "day");
  CHECK(form.find("price")->second == "1.25");
  CHECK(form.find("tag")->second == "gd-20250107-1000-open-a1");
  CHECK(form.find("option_symbol[0]")->second == "SPXW250110P05800000");
  CHECK(form.find("side[0]")->second == "sell_to_open");
  CHECK(form.find("quantity[0]")->second == "2");
  CHECK(form.find("option_symbol[1]")->second == "SPXW250110P05790000");
  CHECK(form.find("side[1]")->second == "buy_to_open");
  CHECK(form.find("quantity[1]")->second == "2");

  // One order: {"orders":{"order":{...}}} (collapsed), floats, legs, tag with includeTags.
  auto listed = w.broker.orders();
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK(listed->front().id == "257459");
  CHECK(listed->front().tag == "gd-20250107-1000-open-a1");
  CHECK(listed->front().status == broker_status::open);
  CHECK(listed->front().quantity == 2);
  CHECK(listed->front().exec_quantity == 0);
  CHECK(w.fake.requests().back().target == orders_path + "?includeTags=true");

  REQUIRE(w.acct->set_order_status(257459, "filled", 2, 1.30));
  auto status = w.broker.order_status(*id);
  REQUIRE(status);
  CHECK(status->status == broker_status::filled);
  CHECK(status->exec_quantity == 2);
  CHECK(status->avg_fill_price == Approx(1.30));
  CHECK(status->tag == "gd-20250107-1000-open-a1");

  auto held = w.broker.positions();
  REQUIRE(held);
  REQUIRE(held->size() == 2);
  CHECK(held->at(0).symbol == "SPXW250110P05800000");
  CHECK(held->at(0).quantity == -2);
  CHECK(held->at(1).symbol == "SPXW250110P05790000");
  CHECK(held->at(1).quantity == 2);

  // A second order: now an array; cancel it; cancelling the filled one is refused.
  const auto second = w.broker.submit(spread("gd-20250107-1100-open-a1"));
  REQUIRE(second);
  CHECK(*second != *id);
  auto two = w.broker.orders();
  REQUIRE(two);
  CHECK(two->size() == 2);
  CHECK(w.broker.cancel(*second));
  auto cancelled = w.broker.order_status(*second);
  REQUIRE(cancelled);
  CHECK(cancelled->status == broker_status::canceled);
  CHECK(failed(w.broker.cancel(*id)).code == broker_errors::not_cancellable);
  CHECK(failed(w.broker.cancel(*second)).code == broker_errors::not_cancellable);
  CHECK(failed(w.broker.order_status("999999")).code == broker_errors::not_found);
  CHECK(failed(w.broker.cancel("999999")).code == broker_errors::not_found);

  // Closing debit: the fake books it, the positions net to flat.
  REQUIRE(w.broker.submit(spread("gd-20250107-1000-close-a1", 2, 0.60, order_intent::close)));
  REQUIRE(w.acct->order_with_tag("gd-20250107-1000-close-a1"));
  const auto close = *w.acct->order_with_tag("gd-20250107-1000-close-a1");
  CHECK(close.type == "debit");
  CHECK(close.price == Approx(0.60));
  REQUIRE(w.acct->set_order_status(close.id, "filled", 2, 0.55));
  auto after_close = w.broker.positions();
  REQUIRE(after_close);
  CHECK(after_close->empty());
  CHECK(w.posts() == 3);
}

TEST_CASE("tradier broker over loopback: the wire's empty and collapsed shapes", "[broker][tradier][fake]") {
  world w{plan(fill_mode::immediate)};
  REQUIRE(w.broker.submit(spread("gd-a", 1)));
  REQUIRE(w.broker.submit(spread("gd-b", 1)));

  w.fake.push_fault(orders_path, fault::json_null());  // {"orders":null}
  auto nulled = w.broker.orders();
  REQUIRE(nulled);
  CHECK(nulled->empty());
  w.fake.push_fault(orders_path, fault::null_string());  // {"orders":"null"}
  CHECK(w.broker.orders()->empty());
  w.fake.push_fault(orders_path, fault::collapse_single());  // the array becomes its first object
  auto collapsed = w.broker.orders();
  REQUIRE(collapsed);
  REQUIRE(collapsed->size() == 1);
  CHECK(collapsed->front().tag == "gd-a");
  CHECK(collapsed->front().status == broker_status::filled);
  CHECK(collapsed->front().avg_fill_price == Approx(1.25));
  w.fake.push_fault(positions_path, fault::collapse_single());
  auto one_position = w.broker.positions();
  REQUIRE(one_position);
  REQUIRE(one_position->size() == 1);
  CHECK(one_position->front().quantity == -2);  // the short leg of two filled spreads

  // Never a partial list: a body cut short or an error answer fails the whole call.
  w.fake.push_fault(orders_path, fault::malformed_json());
  CHECK(failed(w.broker.orders()).code == broker_errors::malformed);
  w.fake.push_fault(orders_path, fault::server_error(503), 4);
  CHECK(failed(w.broker.orders()).code == broker_errors::unavailable);
  w.fake.clear_faults();
  w.fake.push_fault(orders_path + "/257459",
                    fault::respond_with(gd::fakes::fake_response::json(R"({"errors":{"error":"Order not found"}})", 400)));
  CHECK(failed(w.broker.order_status("257459")).code == broker_errors::not_found);
  w.fake.push_fault(orders_path + "/257459", fault::respond_with(gd::fakes::fake_response::json(R"({"order":"null"})")));
  CHECK(failed(w.broker.order_status("257459")).code == broker_errors::not_found);
  auto real = w.broker.order_status("257459");
  REQUIRE(real);
  CHECK(real->tag == "gd-a");
}

TEST_CASE("tradier broker over loopback: rejections in both shapes, and the fake's validation", "[broker][tradier][fake]") {
  world w{plan(fill_mode::open)};
  auto p400 = plan(fill_mode::reject_400);
  p400.reason = "Sell to Open order cannot be placed while you have a current long option position";
  w.acct->push_plan(p400);
  const auto e400 = failed(w.broker.submit(spread("gd-r1")));
  CHECK(e400.code == broker_errors::rejected);
  CHECK_THAT(e400.message, Catch::Contains("tradier POST /accounts/VA000001/orders: HTTP 400") &&
                               Catch::Contains("Sell to Open order cannot be placed"));

  auto p200 = plan(fill_mode::reject_200);
  p200.reason = "You do not have enough buying power for this trade.";
  w.acct->push_plan(p200);
  const auto e200 = failed(w.broker.submit(spread("gd-r2")));
  CHECK(e200.code == broker_errors::rejected);
  CHECK_THAT(e200.message, Catch::Contains("HTTP 200") && Catch::Contains("enough buying power"));

  // An order Tradier would refuse: SPXW legs under the wrong underlying.
  auto wrong = spread("gd-r3");
  wrong.underlying = "SPY";
  const auto invalid = failed(w.broker.submit(wrong));
  CHECK(invalid.code == broker_errors::rejected);
  CHECK_THAT(invalid.message, Catch::Contains("not an option on SPY"));

  // Legs in two expirations: Tradier's index-options rule.
  auto calendar = spread("gd-r4");
  calendar.legs[1].occ_symbol = "SPXW250117P05790000";
  CHECK_THAT(failed(w.broker.submit(calendar)).message, Catch::Contains("within 1 expiration date"));

  auto listed = w.broker.orders();
  REQUIRE(listed);
  CHECK(listed->empty());  // nothing booked
  CHECK(w.posts() == 4);    // each sent once

  // Accepted, then rejected downstream: visible on the order with its reason.
  auto later = plan(fill_mode::reject_later);
  later.reason = "OptionLevelRestriction";
  w.acct->push_plan(later);
  const auto id = w.broker.submit(spread("gd-r5"));
  REQUIRE(id);
  CHECK(w.acct->advance() == 1);
  auto status = w.broker.order_status(*id);
  REQUIRE(status);
  CHECK(status->status == broker_status::rejected);
  CHECK(status->reason == "OptionLevelRestriction");
}

TEST_CASE("tradier broker over loopback: faults after the order was accepted give unknown_outcome; the order is "
          "found by its tag; nothing is resent",
          "[broker][tradier][fake]") {
  world w{plan(fill_mode::open), [](gd::net::client_options& o) { o.deadline = milliseconds{400}; }};
  struct fault_case {
    placement_fault what;
    const char* tag;
    const char* words;
  };
  const std::vector<fault_case> cases = {
      {placement_fault::drop_connection, "gd-20250107-1000-open-a1", "connection closed"},
      {placement_fault::server_error, "gd-20250107-1100-open-a1", "HTTP 500"},
      {placement_fault::slow, "gd-20250107-1200-open-a1", "timed out"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.tag);
    auto p = plan(fill_mode::open);
    p.after_accept = c.what;
    p.slow_delay = milliseconds{2'000};
    w.acct->push_plan(p);
    const auto posts_before = w.posts();
    const auto e = failed(w.broker.submit(spread(c.tag)));
    CHECK(e.code == broker_errors::unknown_outcome);
    CHECK_THAT(e.message, Catch::Contains("tradier POST /accounts/VA000001/orders") && Catch::Contains(c.words));
    CHECK(w.posts() == posts_before + 1);  // exactly one POST reached the broker
    CHECK(w.acct->posts_with_tag(c.tag) == 1);

    // The engine's resolution: list the orders, find the tag.
    auto all = w.broker.orders();
    REQUIRE(all);
    const auto mine = gd::execution::orders_with_tag(*all, c.tag);
    REQUIRE(mine.size() == 1);
    CHECK(mine.front().status == broker_status::open);
    const auto event = gd::execution::lookup_event(*all, c.tag);
    REQUIRE(std::holds_alternative<gd::execution::events::lookup_found>(event));
    CHECK(std::get<gd::execution::events::lookup_found>(event).broker_id == mine.front().id);
  }
  // A body cut short after the order was booked: the same.
  w.fake.push_fault(orders_path, fault::truncated());
  const auto cut = failed(w.broker.submit(spread("gd-20250107-1200-open-a2")));
  CHECK(cut.code == broker_errors::unknown_outcome);
  CHECK_THAT(cut.message, Catch::Contains("truncated"));
  auto all = w.broker.orders();
  REQUIRE(all);
  CHECK(gd::execution::orders_with_tag(*all, "gd-20250107-1200-open-a2").size() == 1);
  CHECK(w.acct->posts_with_tag("gd-20250107-1200-open-a2") == 1);

  CHECK(w.client->stats().retries == 0);
  CHECK(w.acct->orders().size() == 4);
}

TEST_CASE("tradier broker over loopback: partial fills, fill-after-cancel", "[broker][tradier][fake]") {
  world w{plan(fill_mode::open)};
  auto partial = plan(fill_mode::partial);
  partial.partial_quantity = 1;
  partial.fill_price = 1.35;
  w.acct->push_plan(partial);
  const auto id = w.broker.submit(spread("gd-p", 3, 1.30));
  REQUIRE(id);
  CHECK(w.acct->advance() == 1);
  auto part = w.broker.order_status(*id);
  REQUIRE(part);
  CHECK(part->status == broker_status::partially_filled);
  CHECK(part->quantity == 3);
  CHECK(part->exec_quantity == 1);
  CHECK(part->avg_fill_price == Approx(1.35));
  auto pos = w.broker.positions();
  REQUIRE(pos);
  REQUIRE(pos->size() == 2);
  CHECK(pos->front().quantity == -1);
  CHECK(w.acct->advance() == 1);
  CHECK(w.broker.order_status(*id)->status == broker_status::filled);
  CHECK(w.broker.order_status(*id)->exec_quantity == 3);

  auto sneaky = plan(fill_mode::open);
  sneaky.on_cancel = gd::fakes::cancel_mode::fill_after_cancel;
  w.acct->push_plan(sneaky);
  const auto late = w.broker.submit(spread("gd-late", 1, 1.25));
  REQUIRE(late);
  CHECK(w.broker.cancel(*late));  // the broker took the request...
  auto after = w.broker.order_status(*late);
  REQUIRE(after);
  CHECK(after->status == broker_status::filled);  // ...and the order filled anyway
  CHECK(after->exec_quantity == 1);
  auto now = w.broker.positions();
  REQUIRE(now);
  CHECK(now->front().quantity == -4);  // 3 + 1 short
}

TEST_CASE("tradier broker over loopback: auth and transport failures, and the token is never in a message or log line",
          "[broker][tradier][fake]") {
  log_capture logs;
  {
    world wrong{plan(fill_mode::immediate), {}, "WRONG-token-123456"};
    const auto e = failed(wrong.broker.submit(spread("gd-auth")));
    CHECK(e.code == broker_errors::auth);
    CHECK_THAT(e.message, Catch::Contains("Invalid Access Token") && !Catch::Contains("WRONG-token-123456"));
    CHECK(failed(wrong.broker.orders()).code == broker_errors::auth);
    CHECK(failed(wrong.broker.positions()).code == broker_errors::auth);
    CHECK(failed(wrong.broker.cancel("1")).code == broker_errors::auth);
    CHECK(wrong.acct->orders().empty());
  }
  {
    std::uint16_t port = 0;
    {
      fake_tradier probe{gd::fakes::fake_tradier_options{token}};
      probe.start();
      port = probe.port();
    }
    gd::net::client_options o;
    o.base_url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    o.bearer_token = token;
    o.backoff_base = milliseconds{5};
    o.backoff_cap = milliseconds{10};
    tradier_broker nobody{std::make_shared<net_http_getter>(o), account};
    // Never connected: still unknown_outcome for a submit (the safe answer, see tradier_broker.cpp).
    const auto e = failed(nobody.submit(spread("gd-down")));
    CHECK(e.code == broker_errors::unknown_outcome);
    CHECK_THAT(e.message, Catch::Contains("nothing was sent"));
    CHECK(failed(nobody.orders()).code == broker_errors::unavailable);
    CHECK(failed(nobody.cancel("1")).code == broker_errors::unavailable);
  }
  REQUIRE_FALSE(seen_messages.empty());
  for (const auto& m : seen_messages) {
    CAPTURE(m);
    CHECK_THAT(m, !Catch::Contains(token) && !Catch::Contains("Bearer"));
  }
  CHECK_THAT(logs.text(), !Catch::Contains(token));
}
