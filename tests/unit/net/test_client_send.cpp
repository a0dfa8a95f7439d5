// http_client::send (POST/PUT/DELETE) against the fake Tradier server on loopback: the request on
// the wire, and the rule that a request which may have been written is never written again -
// "not sent" and "outcome unknown" are told apart so a broker adapter can act on it.
#include <gd/net/http_client.hpp>

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "client_test_support.hpp"
#include "test_tls.hpp"

using gd::fakes::fake_request;
using gd::fakes::fake_response;
using gd::fakes::fake_tradier;
using gd::fakes::fault;
using gd::net::client_errors::not_sent;
using gd::net::client_errors::outcome_unknown;
using gd::test::fast_client_options;
using gd::test::secret_token;
using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

namespace {

const std::string orders_path = "/v1/accounts/VA000001/orders";
const std::string form = "class=multileg&symbol=SPX&type=credit&price=1.25";
const std::string form_type = "application/x-www-form-urlencoded";

// A fake whose POST/DELETE order routes echo what they got.
struct send_world {
  fake_tradier fake;
  gd::net::http_client client;

  explicit send_world(gd::fakes::fake_tradier_options fo = gd::test::fake_options(),
                      const std::function<void(gd::net::client_options&)>& tweak = {})
      : fake(std::move(fo)), client(options(fake, tweak)) {}

  static gd::net::client_options options(fake_tradier& f, const std::function<void(gd::net::client_options&)>& tweak) {
    f.route("POST", "/v1/accounts/{account_id}/orders", [](const fake_request&) {
      return fake_response::json(R"({"order":{"id":257459,"status":"ok","partner_id":"p-1"}})");
    });
    f.route("DELETE", "/v1/accounts/{account_id}/orders/{order_id}", [](const fake_request& r) {
      return fake_response::json(R"({"order":{"id":)" + r.params.at("order_id") + R"(,"status":"ok"}})");
    });
    f.load_recorded(std::string{GD_TEST_DATA} + "/tradier");
    f.start();
    auto o = fast_client_options(f.base_url());
    if (tweak) tweak(o);
    return o;
  }
};

long long ms_since(steady::time_point t) {
  return std::chrono::duration_cast<milliseconds>(steady::now() - t).count();
}

void check_clean(const gd::error& e) {
  CHECK_THAT(e.message, !Catch::Contains(secret_token));
  CHECK_THAT(e.message, !Catch::Contains("Bearer"));
}

}  // namespace

TEST_CASE("send: POST with a form body and DELETE without one, as written on the wire", "[net][send][fake]") {
  send_world w;
  REQUIRE(w.client.get("/markets/quotes?symbols=PLTR"));  // leaves a pooled keep-alive connection

  auto posted = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE(posted);
  CHECK(posted->status == 200);
  CHECK(posted->attempts == 1);
  CHECK_THAT(posted->body, Catch::Contains("257459"));

  auto deleted = w.client.send("DELETE", "/accounts/VA000001/orders/257459", "", "");
  REQUIRE(deleted);
  CHECK(deleted->status == 200);
  CHECK_THAT(deleted->body, Catch::Contains(R"("id":257459)"));

  const auto seen = w.fake.requests();
  REQUIRE(seen.size() == 3);
  CHECK(seen[1].method == "POST");
  CHECK(seen[1].target == orders_path);
  CHECK(seen[1].body == form);
  CHECK(seen[1].header("content-type") == form_type);
  CHECK(seen[1].header("content-length") == std::to_string(form.size()));
  CHECK(seen[1].header("authorization") == "Bearer " + std::string{secret_token});
  CHECK(seen[1].header("accept") == "application/json");
  CHECK(seen[2].method == "DELETE");
  CHECK(seen[2].target == orders_path + "/257459");
  CHECK(seen[2].body.empty());
  CHECK_FALSE(seen[2].header("content-type"));
  // Each send opened its own connection instead of taking the pooled one (a socket the server
  // may have closed would make a failed write ambiguous).
  CHECK(w.fake.connections_accepted() == 3);
  CHECK(w.client.stats().requests == 3);
}

TEST_CASE("send: a connection dropped after the request was written is outcome_unknown, never resent",
          "[net][send][fake]") {
  send_world w;
  w.fake.push_fault(orders_path, fault::drop_connection(), 3);
  auto r = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE_FALSE(r);
  CHECK(r.err().code == outcome_unknown);
  CHECK_THAT(r.err().message, Catch::Contains("POST /v1/accounts/VA000001/orders") &&
                                  Catch::Contains("may have reached the server"));
  check_clean(r.err());
  CHECK(w.fake.request_count(orders_path) == 1);
  CHECK(w.fake.pending_faults(orders_path) == 2);
  CHECK(w.client.stats().retries == 0);
}

TEST_CASE("send: a truncated answer is outcome_unknown, never resent", "[net][send][fake]") {
  send_world w;
  w.fake.push_fault(orders_path, fault::truncated());
  auto r = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE_FALSE(r);
  CHECK(r.err().code == outcome_unknown);
  CHECK_THAT(r.err().message, Catch::Contains("truncated"));
  CHECK(w.fake.request_count(orders_path) == 1);
}

TEST_CASE("send: 500, 503 and 429 are answers for the caller, never retried", "[net][send][fake]") {
  send_world w;
  w.fake.push_fault(orders_path, fault::server_error(500));
  w.fake.push_fault(orders_path, fault::server_error(503));
  w.fake.push_fault(orders_path, fault::too_many_requests(milliseconds{50}));
  for (const int expected : {500, 503, 429}) {
    auto r = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
    REQUIRE(r);
    CHECK(r->status == expected);
    CHECK(r->attempts == 1);
  }
  CHECK(w.fake.request_count(orders_path) == 3);
  CHECK(w.client.stats().retries == 0);
}

TEST_CASE("send: an answer slower than the deadline is outcome_unknown, never resent", "[net][send][fake]") {
  send_world w{gd::test::fake_options(), [](gd::net::client_options& o) { o.deadline = milliseconds{300}; }};
  w.fake.push_fault(orders_path, fault::slow(milliseconds{3'000}));
  const auto t0 = steady::now();
  auto r = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE_FALSE(r);
  CHECK(r.err().code == outcome_unknown);
  CHECK_THAT(r.err().message, Catch::Contains("timed out"));
  CHECK(ms_since(t0) >= 250);
  CHECK(ms_since(t0) < 1'500);
  CHECK(w.fake.request_count(orders_path) == 1);
  check_clean(r.err());
}

TEST_CASE("send: nothing listening is not_sent, after connect-only retries", "[net][send][fake]") {
  std::uint16_t port = 0;
  {
    fake_tradier probe{gd::test::fake_options()};
    probe.start();
    port = probe.port();
  }
  gd::net::http_client client{fast_client_options("http://127.0.0.1:" + std::to_string(port) + "/v1")};
  auto r = client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE_FALSE(r);
  CHECK(r.err().code == not_sent);
  CHECK_THAT(r.err().message, Catch::Contains("cannot connect") && Catch::Contains("4 attempts") &&
                                  Catch::Contains("nothing was sent"));
  CHECK(client.stats().requests == 0);
  CHECK(client.stats().retries == 3);
}

TEST_CASE("send: a refused TLS handshake is not_sent and not retried", "[net][send][tls][fake]") {
  const auto tls = gd::fakes::make_test_tls({"localhost"});
  auto fo = gd::test::fake_options();
  fo.tls_cert_pem = tls.server_cert_pem;
  fo.tls_key_pem = tls.server_key_pem;
  fake_tradier fake{fo};
  fake.start();
  gd::net::http_client client{fast_client_options(fake.base_url())};  // no CA: verification fails
  auto r = client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE_FALSE(r);
  CHECK(r.err().code == not_sent);
  CHECK_THAT(r.err().message, Catch::Contains("certificate verify failed"));
  CHECK(fake.requests().empty());
  CHECK(client.stats().retries == 0);
}

TEST_CASE("send: waits for the rate-limit window like a GET", "[net][send][fake]") {
  auto fo = gd::test::fake_options();
  fo.rate_limit_allowed = 1;
  fo.rate_limit_window = milliseconds{400};
  send_world w{fo};
  auto first = w.client.get("/markets/quotes?symbols=PLTR");
  REQUIRE(first);
  REQUIRE(first->header("X-Ratelimit-Available") == "0");
  const auto t0 = steady::now();
  auto r = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE(r);
  CHECK(r->status == 200);  // not 429: it waited for the next window
  CHECK(ms_since(t0) >= 200);
  CHECK(w.client.stats().rate_limit_waits == 1);
  CHECK(w.fake.request_count(orders_path) == 1);
}

TEST_CASE("send: a window beyond the budget, a cancelled client and bad input are not_sent or invalid",
          "[net][send][fake]") {
  auto fo = gd::test::fake_options();
  fo.rate_limit_allowed = 1;
  fo.rate_limit_window = milliseconds{5'000};
  send_world w{fo, [](gd::net::client_options& o) {
                 o.total_budget = milliseconds{1'000};
                 o.deadline = milliseconds{500};
                 o.max_rate_limit_wait = milliseconds{10'000};
               }};
  REQUIRE(w.client.get("/markets/quotes?symbols=PLTR"));
  auto limited = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE_FALSE(limited);
  CHECK(limited.err().code == not_sent);
  CHECK_THAT(limited.err().message, Catch::Contains("rate limit"));

  auto get_via_send = w.client.send("GET", "/accounts/VA000001/orders", "", "");
  REQUIRE_FALSE(get_via_send);
  CHECK(get_via_send.err().code == gd::net::client_errors::invalid_request);
  auto bad_path = w.client.send("POST", "/accounts/VA000001/orders\r\nX-Evil: 1", form, form_type);
  REQUIRE_FALSE(bad_path);
  CHECK(bad_path.err().code == gd::net::client_errors::invalid_request);
  auto bad_type = w.client.send("POST", "/accounts/VA000001/orders", form, "text/plain\r\nX-Evil: 1");
  REQUIRE_FALSE(bad_type);
  CHECK(bad_type.err().code == gd::net::client_errors::invalid_request);

  w.client.cancel();
  auto cancelled = w.client.send("POST", "/accounts/VA000001/orders", form, form_type);
  REQUIRE_FALSE(cancelled);
  CHECK(cancelled.err().code == not_sent);
  CHECK(w.fake.request_count(orders_path) == 0);
}
