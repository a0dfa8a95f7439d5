// tradier_broker without sockets: the order form, the readers of Tradier's order and position
// bodies (every quirk), and the status mapping of each call over a scripted transport.
#include <gd/providers/tradier_broker.hpp>

#include <deque>
#include <stdexcept>

#include <catch2/catch.hpp>

using namespace gd::providers;
using gd::execution::broker_status;
using gd::execution::leg_side;
using gd::execution::order;
using gd::execution::order_intent;
namespace broker_errors = gd::execution::broker_errors;
using nlohmann::json;

namespace {

order spread(order_intent intent = order_intent::open) {
  order o;
  o.tag = "gd-20250107-1000-open-a1";
  o.intent = intent;
  o.underlying = "SPX";
  o.quantity = 2;
  o.limit_price = 1.25;
  if (intent == order_intent::open) {
    o.legs = {{"SPXW250110P05800000", leg_side::sell_to_open}, {"SPXW250110P05790000", leg_side::buy_to_open}};
  } else {
    o.legs = {{"SPXW250110P05800000", leg_side::buy_to_close}, {"SPXW250110P05790000", leg_side::sell_to_close}};
  }
  return o;
}

// Answers scripted per call, in order; records every call.
class scripted_transport final : public http_getter {
 public:
  struct call {
    std::string method, path, body, content_type;
  };
  void answer(int status, std::string body) { answers_.emplace_back(http_response{status, {}, std::move(body)}); }
  void fail(std::string code, std::string message) { answers_.emplace_back(gd::error{std::move(code), std::move(message)}); }

  gd::result<http_response> get(std::string_view path) override { return next({"GET", std::string{path}, {}, {}}); }
  gd::result<http_response> send(std::string_view method, std::string_view path, std::string body,
                                 std::string_view content_type) override {
    return next({std::string{method}, std::string{path}, std::move(body), std::string{content_type}});
  }
  std::vector<call> calls;

 private:
  gd::result<http_response> next(call c) {
    calls.push_back(std::move(c));
    if (answers_.empty()) throw std::logic_error("scripted_transport: no answer left");
    auto a = answers_.front();
    answers_.pop_front();
    return a;
  }
  std::deque<gd::result<http_response>> answers_;
};

struct world {
  std::shared_ptr<scripted_transport> t = std::make_shared<scripted_transport>();
  tradier_broker broker{t, "VA000001"};
};

}  // namespace

TEST_CASE("tradier order form: multileg credit/debit with indexed legs, price on the tick", "[providers][broker]") {
  const auto open = tradier_order_form(spread());
  REQUIRE(open);
  CHECK(*open ==
        "class=multileg&symbol=SPX&type=credit&duration=day&price=1.25&tag=gd-20250107-1000-open-a1"
        "&option_symbol%5B0%5D=SPXW250110P05800000&side%5B0%5D=sell_to_open&quantity%5B0%5D=2"
        "&option_symbol%5B1%5D=SPXW250110P05790000&side%5B1%5D=buy_to_open&quantity%5B1%5D=2");
  auto c = spread(order_intent::close);
  c.limit_price = 0.1 * 6;  // 0.6000000000000001: on the tick within double noise
  const auto close = tradier_order_form(c);
  REQUIRE(close);
  CHECK_THAT(*close, Catch::Contains("type=debit") && Catch::Contains("price=0.60") &&
                         Catch::Contains("side%5B0%5D=buy_to_close") && Catch::Contains("side%5B1%5D=sell_to_close"));

  CHECK(tradier_price_text(1.15) == "1.15");
  CHECK(tradier_price_text(12.0) == "12.00");
  CHECK(tradier_price_text(0.05) == "0.05");
  CHECK_FALSE(tradier_price_text(1.23));
  CHECK_FALSE(tradier_price_text(0.0));
  CHECK_FALSE(tradier_price_text(-1.25));
  CHECK_FALSE(tradier_price_text(std::nan("")));

  auto bad = spread();
  bad.limit_price = 1.23;
  auto r = tradier_order_form(bad);
  REQUIRE_FALSE(r);
  CHECK(r.err().code == broker_errors::rejected);
  CHECK_THAT(r.err().message, Catch::Contains("1.23") && Catch::Contains("tick"));
  bad = spread();
  bad.quantity = 0;
  CHECK_FALSE(tradier_order_form(bad));
  bad = spread();
  bad.legs.clear();
  CHECK_FALSE(tradier_order_form(bad));
  bad = spread();
  bad.legs.resize(5, bad.legs.front());
  CHECK_FALSE(tradier_order_form(bad));
  bad = spread();
  bad.tag = "has space";
  CHECK_FALSE(tradier_order_form(bad));
}

TEST_CASE("tradier orders: empty spellings, single object, floats, legs, unknown status", "[providers][broker]") {
  for (const char* empty : {R"({"orders":"null"})", R"({"orders":null})", R"({})", R"(null)", R"({"orders":{}})"}) {
    const auto r = parse_tradier_orders(json::parse(empty));
    REQUIRE(r);
    CHECK(r->empty());
  }
  // One order collapses to an object; quantities are floats; leg collapses too.
  const auto single = parse_tradier_orders(json::parse(R"({"orders":{"order":{
      "id":257459,"type":"credit","symbol":"SPX","side":"buy","quantity":2.00000000,"status":"partially_filled",
      "duration":"day","price":1.25,"avg_fill_price":-1.30000000,"exec_quantity":1.00000000,"class":"multileg",
      "num_legs":1,"tag":"gd-20250107-1000-open-a1",
      "leg":{"id":257460,"side":"sell_to_open","option_symbol":"SPXW250110P05800000","quantity":2.0}}}})"));
  REQUIRE(single);
  REQUIRE(single->size() == 1);
  const auto& o = single->front();
  CHECK(o.id == "257459");
  CHECK(o.tag == "gd-20250107-1000-open-a1");
  CHECK(o.status == broker_status::partially_filled);
  CHECK(o.quantity == 2);
  CHECK(o.exec_quantity == 1);
  CHECK(o.avg_fill_price == Approx(1.30));

  // Quantities from the first leg when the order has none; the net from the legs when the order's
  // own avg_fill_price is 0; reason_description kept.
  const auto legs_only = parse_tradier_orders(json::parse(R"({"orders":{"order":[
      {"id":"11","status":"filled","class":"multileg","avg_fill_price":0.0,"leg":[
         {"side":"sell_to_open","quantity":3.0,"exec_quantity":3.0,"avg_fill_price":2.10},
         {"side":"buy_to_open","quantity":3.0,"exec_quantity":3.0,"avg_fill_price":0.85}]},
      {"id":12,"status":"rejected","quantity":1.0,"exec_quantity":0.0,"reason_description":"Not enough buying power"}]}})"));
  REQUIRE(legs_only);
  REQUIRE(legs_only->size() == 2);
  CHECK(legs_only->at(0).id == "11");
  CHECK(legs_only->at(0).quantity == 3);
  CHECK(legs_only->at(0).exec_quantity == 3);
  CHECK(legs_only->at(0).avg_fill_price == Approx(1.25));
  CHECK(legs_only->at(0).tag.empty());
  CHECK(legs_only->at(1).status == broker_status::rejected);
  CHECK(legs_only->at(1).reason == "Not enough buying power");

  // Never a partial list: one unreadable order fails them all.
  for (const char* bad : {R"({"orders":{"order":[{"id":1,"status":"open","quantity":1},{"id":2,"status":"weird","quantity":1}]}})",
                          R"({"orders":{"order":[{"id":1,"status":"open","quantity":1.5}]}})",
                          R"({"orders":{"order":[{"status":"open","quantity":1}]}})",
                          R"({"orders":{"order":[{"id":1,"status":"open"}]}})",
                          R"({"orders":"nothing"})", R"({"orders":{"other":1}})", R"({"something":"else"})", R"([1,2])"}) {
    const auto r = parse_tradier_orders(json::parse(bad));
    REQUIRE_FALSE(r);
    CHECK(r.err().code == broker_errors::malformed);
  }
}

TEST_CASE("tradier positions: signed floats to whole contracts, collapse, null, lots summed", "[providers][broker]") {
  CHECK(parse_tradier_positions(json::parse(R"({"positions":"null"})"))->empty());
  CHECK(parse_tradier_positions(json::parse(R"({"positions":null})"))->empty());
  const auto one = parse_tradier_positions(json::parse(
      R"({"positions":{"position":{"cost_basis":-250.0,"date_acquired":"2025-01-07T15:00:01.123Z","id":1,"quantity":-2.00000000,"symbol":"SPXW250110P05800000"}}})"));
  REQUIRE(one);
  REQUIRE(one->size() == 1);
  CHECK(one->front().symbol == "SPXW250110P05800000");
  CHECK(one->front().quantity == -2);
  const auto lots = parse_tradier_positions(json::parse(R"({"positions":{"position":[
      {"quantity":1.0,"symbol":"A"},{"quantity":2.0,"symbol":"B"},{"quantity":-1.0,"symbol":"A"}]}})"));
  REQUIRE(lots);
  REQUIRE(lots->size() == 1);  // A nets to flat and is left out
  CHECK(lots->front().symbol == "B");
  CHECK(lots->front().quantity == 2);
  CHECK_FALSE(parse_tradier_positions(json::parse(R"({"positions":{"position":[{"quantity":1.0}]}})")));
  CHECK_FALSE(parse_tradier_positions(json::parse(R"({"positions":{"position":[{"quantity":0.5,"symbol":"A"}]}})")));
}

TEST_CASE("tradier broker submit: answers mapped to id, rejected, unknown_outcome, auth", "[providers][broker]") {
  world w;
  w.t->answer(200, R"({"order":{"id":257459,"status":"ok","partner_id":"c4998eb7"}})");
  auto ok = w.broker.submit(spread());
  REQUIRE(ok);
  CHECK(*ok == "257459");
  REQUIRE(w.t->calls.size() == 1);
  CHECK(w.t->calls[0].method == "POST");
  CHECK(w.t->calls[0].path == "/accounts/VA000001/orders");
  CHECK(w.t->calls[0].content_type == "application/x-www-form-urlencoded");
  CHECK_THAT(w.t->calls[0].body, Catch::StartsWith("class=multileg&symbol=SPX&type=credit"));

  struct expectation {
    int status;
    std::string body;
    std::string_view code;
    std::string words;
  };
  const std::vector<expectation> table = {
      {200, R"({"errors":{"error":"You do not have enough buying power for this trade."}})", broker_errors::rejected,
       "enough buying power"},
      {200, R"({"errors":{"error":["Backoffice rejected override of the order.","DayTradingBuyingPowerExceeded"]}})",
       broker_errors::rejected, "Backoffice rejected override of the order.; DayTradingBuyingPowerExceeded"},
      {400, R"({"errors":{"error":["Invalid parameter, duration: post market no longer available."]}})",
       broker_errors::rejected, "HTTP 400: Invalid parameter"},
      {400, "Quota Violation 1719590820000", broker_errors::unknown_outcome, "Quota Violation"},
      {429, "Quota Violation", broker_errors::unknown_outcome, "HTTP 429"},
      {500, R"({"fault":{"faultstring":"Datastore Error"}})", broker_errors::unknown_outcome, "Datastore Error"},
      {502, "<html>bad gateway</html>", broker_errors::unknown_outcome, "(an HTML page)"},
      {404, "Not Found", broker_errors::unknown_outcome, "HTTP 404"},
      {200, R"({"order":{"id":2574)", broker_errors::unknown_outcome, "unreadable"},
      {200, R"({"order":{"status":"ok"}})", broker_errors::unknown_outcome, "without an accepted order id"},
      {200, R"({"order":{"id":5,"status":"pending_review"}})", broker_errors::unknown_outcome, "without an accepted"},
      {401, "Invalid Access Token", broker_errors::auth, "Invalid Access Token"},
      {403, R"({"fault":{"faultstring":"Access Token expired"}})", broker_errors::auth, "Access Token expired"},
  };
  for (const auto& e : table) {
    CAPTURE(e.status, e.body);
    w.t->answer(e.status, e.body);
    auto r = w.broker.submit(spread());
    REQUIRE_FALSE(r);
    CHECK(r.err().code == e.code);
    CHECK_THAT(r.err().message, Catch::StartsWith("tradier POST /accounts/VA000001/orders: ") && Catch::Contains(e.words));
  }
  // Transport failures: sent or not, the answer is unknown_outcome (never "rejected").
  w.t->fail(std::string{transport_errors::outcome_unknown}, "POST /v1/accounts/VA000001/orders: timed out");
  auto timed_out = w.broker.submit(spread());
  REQUIRE_FALSE(timed_out);
  CHECK(timed_out.err().code == broker_errors::unknown_outcome);
  w.t->fail(std::string{transport_errors::not_sent}, "POST /v1/accounts/VA000001/orders: cannot connect");
  auto never = w.broker.submit(spread());
  REQUIRE_FALSE(never);
  CHECK(never.err().code == broker_errors::unknown_outcome);
  CHECK_THAT(never.err().message, Catch::Contains("cannot connect"));

  // An order that cannot be sent as it is never reaches the transport.
  const auto calls = w.t->calls.size();
  auto off_tick = spread();
  off_tick.limit_price = 1.27;
  auto refused = w.broker.submit(off_tick);
  REQUIRE_FALSE(refused);
  CHECK(refused.err().code == broker_errors::rejected);
  CHECK_THAT(refused.err().message, Catch::Contains("not sent"));
  CHECK(w.t->calls.size() == calls);
}

TEST_CASE("tradier broker reads: orders, status, positions map HTTP and bodies", "[providers][broker]") {
  world w;
  w.t->answer(200, R"({"orders":"null"})");
  auto none = w.broker.orders();
  REQUIRE(none);
  CHECK(none->empty());
  CHECK(w.t->calls.back().path == "/accounts/VA000001/orders?includeTags=true");

  w.t->answer(503, R"({"fault":{"faultstring":"Datastore Error"}})");
  CHECK(w.broker.orders().err().code == broker_errors::unavailable);
  w.t->answer(401, "Invalid Access Token");
  CHECK(w.broker.orders().err().code == broker_errors::auth);
  w.t->answer(200, R"({"orders":{"order":[{"id":1,"status":"open"}]}})");
  CHECK(w.broker.orders().err().code == broker_errors::malformed);
  w.t->answer(200, "<html>maintenance</html>");
  CHECK(w.broker.orders().err().code == broker_errors::malformed);
  w.t->fail("vendor_timeout", "GET /v1/accounts/VA000001/orders: timed out");
  CHECK(w.broker.orders().err().code == broker_errors::unavailable);

  w.t->answer(200, R"({"order":{"id":77,"status":"filled","quantity":1.0,"exec_quantity":1.0,"avg_fill_price":1.2,"tag":"t-1"}})");
  auto one = w.broker.order_status("77");
  REQUIRE(one);
  CHECK(one->status == broker_status::filled);
  CHECK(one->tag == "t-1");
  CHECK(w.t->calls.back().path == "/accounts/VA000001/orders/77?includeTags=true");
  w.t->answer(404, "Not Found");
  CHECK(w.broker.order_status("78").err().code == broker_errors::not_found);
  w.t->answer(400, R"({"errors":{"error":"Order not found"}})");
  CHECK(w.broker.order_status("78").err().code == broker_errors::not_found);
  w.t->answer(200, R"({"order":"null"})");
  CHECK(w.broker.order_status("78").err().code == broker_errors::not_found);
  w.t->answer(500, "oops");
  CHECK(w.broker.order_status("78").err().code == broker_errors::unavailable);
  const auto before = w.t->calls.size();
  CHECK(w.broker.order_status("../../x").err().code == broker_errors::not_found);
  CHECK(w.t->calls.size() == before);  // never put in a path

  w.t->answer(200, R"({"positions":{"position":[{"quantity":-1.0,"symbol":"S"},{"quantity":1.0,"symbol":"L"}]}})");
  auto pos = w.broker.positions();
  REQUIRE(pos);
  CHECK(pos->size() == 2);
  CHECK(w.t->calls.back().path == "/accounts/VA000001/positions");
  w.t->answer(200, R"({"errors":{"error":"Account is disabled"}})");
  auto disabled = w.broker.positions();
  REQUIRE_FALSE(disabled);
  CHECK(disabled.err().code == broker_errors::unavailable);
  CHECK_THAT(disabled.err().message, Catch::Contains("Account is disabled"));
}

TEST_CASE("tradier broker cancel: ok, finalized, not found, unknown", "[providers][broker]") {
  world w;
  w.t->answer(200, R"({"order":{"id":77,"status":"ok"}})");
  CHECK(w.broker.cancel("77"));
  CHECK(w.t->calls.back().method == "DELETE");
  CHECK(w.t->calls.back().path == "/accounts/VA000001/orders/77");
  CHECK(w.t->calls.back().body.empty());

  w.t->answer(400, R"({"errors":{"error":"order already in finalized state: filled"}})");
  CHECK(w.broker.cancel("77").err().code == broker_errors::not_cancellable);
  w.t->answer(200, R"({"errors":{"error":["Order is already canceled"]}})");
  CHECK(w.broker.cancel("77").err().code == broker_errors::not_cancellable);
  w.t->answer(500, "order already in finalized state: canceled");
  CHECK(w.broker.cancel("77").err().code == broker_errors::not_cancellable);
  w.t->answer(404, "");
  CHECK(w.broker.cancel("77").err().code == broker_errors::not_found);
  w.t->answer(401, "Invalid Access Token");
  CHECK(w.broker.cancel("77").err().code == broker_errors::auth);
  w.t->answer(503, "");
  CHECK(w.broker.cancel("77").err().code == broker_errors::unavailable);
  w.t->answer(200, "{not json");
  CHECK(w.broker.cancel("77").err().code == broker_errors::unavailable);
  w.t->fail(std::string{transport_errors::outcome_unknown}, "DELETE: reset");
  CHECK(w.broker.cancel("77").err().code == broker_errors::unavailable);
}

TEST_CASE("tradier broker: construction checks", "[providers][broker]") {
  CHECK_THROWS_AS(tradier_broker(nullptr, "VA1"), std::invalid_argument);
  CHECK_THROWS_AS(tradier_broker(std::make_shared<scripted_transport>(), ""), std::invalid_argument);
  CHECK_THROWS_AS(tradier_broker(std::make_shared<scripted_transport>(), "VA1/../x"), std::invalid_argument);
  tradier_broker b{std::make_shared<scripted_transport>(), "VA1"};
  CHECK(b.name() == "tradier");
  CHECK(b.account_id() == "VA1");
}
