// gd::net::http_client against the fake Tradier server on loopback, mostly through the real
// provider (gd::providers::tradier_market_data over gd::providers::net_http_getter).
#include <gd/net/http_client.hpp>
#include <gd/providers/net_http_getter.hpp>

#include <cmath>
#include <thread>

#include <catch2/catch.hpp>

#include <gd/net/client_policy.hpp>
#include <gd/providers/tradier_market_data.hpp>

#include "client_test_support.hpp"

using namespace gd::providers;
using namespace date::literals;
using gd::fakes::fake_tradier;
using gd::fakes::fault;
using gd::test::fast_client_options;
using gd::test::secret_token;
using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

namespace {

const gd::manual_clock clock_at_close{gd::sys_time{date::sys_days{2024_y / 6 / 28}} + std::chrono::hours{20}};

const std::string quotes_path = "/v1/markets/quotes";
const std::string chains_path = "/v1/markets/options/chains";
const std::string expirations_path = "/v1/markets/options/expirations";

struct world {
  fake_tradier fake;
  std::shared_ptr<gd::net::http_client> client;
  std::shared_ptr<net_http_getter> transport;
  tradier_market_data md;

  explicit world(gd::fakes::fake_tradier_options fo = gd::test::fake_options(),
                 const std::function<void(gd::net::client_options&)>& tweak = {})
      : fake(std::move(fo)), client(make_client(fake, tweak)), transport(std::make_shared<net_http_getter>(client)),
        md(transport, clock_at_close) {}

  static std::shared_ptr<gd::net::http_client> make_client(fake_tradier& f,
                                                           const std::function<void(gd::net::client_options&)>& tweak) {
    f.load_recorded(std::string{GD_TEST_DATA} + "/tradier");
    f.start();
    auto o = fast_client_options(f.base_url());
    if (tweak) tweak(o);
    return std::make_shared<gd::net::http_client>(o);
  }
};

long long ms_since(steady::time_point t) {
  return std::chrono::duration_cast<milliseconds>(steady::now() - t).count();
}

}  // namespace

TEST_CASE("client + provider: expirations, chain with greeks and quotes from the fake", "[net][tradier][fake]") {
  world w;
  const auto exps = w.md.expirations("PLTR");
  REQUIRE(exps);
  CHECK(exps->size() == 19);
  CHECK(exps->front() == 2024_y / 6 / 28);

  const auto chain = w.md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE(chain);
  CHECK(chain->chain.rows.size() == 14);
  CHECK(chain->chain.spot == 25.5);  // from /markets/quotes?symbols=PLTR
  const auto& put13 = chain->chain.rows.front();
  CHECK(put13.contract.occ_symbol == "PLTR260618P00013000");
  CHECK(put13.quote.greeks.delta == Approx(-0.0960172634).epsilon(1e-6));
  CHECK(std::isfinite(put13.quote.greeks.iv));

  const auto quotes = w.md.quotes({"SPY", "SPY251219P00450000"});
  REQUIRE(quotes);
  REQUIRE(quotes->size() == 2);
  CHECK(quotes->at(0).symbol == "SPY");

  // On the wire: the /v1 prefix kept, the bearer token and Accept: application/json every time.
  const auto seen = w.fake.requests();
  REQUIRE(seen.size() == 4);
  CHECK(seen[0].target == "/v1/markets/options/expirations?symbol=PLTR&includeAllRoots=true");
  CHECK(seen[1].target == "/v1/markets/options/chains?symbol=PLTR&expiration=2026-06-18&greeks=true");
  for (const auto& r : seen) {
    CHECK(r.method == "GET");
    CHECK(r.header("authorization") == "Bearer " + std::string{secret_token});
    CHECK(r.header("accept") == "application/json");
  }
  // Keep-alive: one connection for the four calls.
  CHECK(w.fake.connections_accepted() == 1);
  CHECK(w.client->stats().connections_opened == 1);
  CHECK(w.client->stats().requests == 4);
}

TEST_CASE("client: 429 and 500 are retried with backoff, then the answer arrives", "[net][tradier][fake]") {
  world w;
  w.fake.push_fault(quotes_path, fault::too_many_requests(milliseconds{120}));
  w.fake.push_fault(quotes_path, fault::server_error(500));
  w.fake.push_fault(quotes_path, fault::server_error(503));
  const auto t0 = steady::now();
  auto r = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->attempts == 4);
  CHECK(w.fake.request_count(quotes_path) == 4);
  CHECK(w.client->stats().retries == 3);
  // The 429 carried X-Ratelimit-Expiry ~120 ms ahead: the retry waited for it.
  CHECK(ms_since(t0) >= 100);
  CHECK(ms_since(t0) < 2'000);

  // Through the provider the same faults are invisible.
  w.fake.push_fault(quotes_path, fault::server_error(502), 2);
  const auto q = w.md.quotes({"PLTR"});
  REQUIRE(q);
  CHECK(q->front().last == 25.5);
}

TEST_CASE("client: gives up after max attempts with an error naming the endpoint and status", "[net][tradier][fake]") {
  gd::test::log_capture logs;
  world w;
  w.fake.push_fault(chains_path, fault::server_error(500), 10);
  const auto t0 = steady::now();
  const auto chain = w.md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE_FALSE(chain);
  CHECK(chain.err().code == error_codes::unavailable);
  CHECK_THAT(chain.err().message, Catch::Contains("/markets/options/chains") && Catch::Contains("HTTP 500"));
  CHECK(w.fake.request_count(chains_path) == 4);  // max_attempts, not more
  CHECK(w.fake.pending_faults(chains_path) == 6);
  CHECK(ms_since(t0) < 2'000);

  // The raw client returns the last response and says how many attempts it took.
  w.fake.clear_faults();
  w.fake.push_fault(quotes_path, fault::too_many_requests(milliseconds{5}), 4);
  auto r = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(r->attempts == 4);
  CHECK(r->header("X-Ratelimit-Available") == "0");

  const auto text = logs.text();
  CHECK_THAT(text, Catch::Contains("giving up after 4 attempts"));
  CHECK_THAT(text, !Catch::Contains(secret_token));
}

TEST_CASE("client: a slow response hits the per-attempt deadline", "[net][tradier][fake]") {
  world w{gd::test::fake_options(), [](gd::net::client_options& o) {
            o.deadline = milliseconds{250};
            o.max_attempts = 2;
          }};
  w.fake.push_fault(chains_path, fault::slow(milliseconds{3'000}), 2);
  const auto t0 = steady::now();
  const auto chain = w.md.chain("PLTR", 2026_y / 6 / 18);
  const auto elapsed = ms_since(t0);
  REQUIRE_FALSE(chain);
  CHECK(chain.err().code == gd::net::client_errors::timeout);
  CHECK_THAT(chain.err().message, Catch::Contains("GET /v1/markets/options/chains") &&
                                      Catch::Contains("timed out") && Catch::Contains("2 attempts"));
  CHECK_THAT(chain.err().message, !Catch::Contains("expiration=") && !Catch::Contains(secret_token));
  CHECK(elapsed >= 450);   // two attempts of 250 ms
  CHECK(elapsed < 1'500);  // not the server's 3 s

  // One slow answer, then a prompt one: recovered within the budget.
  w.fake.push_fault(quotes_path, fault::slow(milliseconds{1'000}));
  auto r = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->attempts == 2);
}

TEST_CASE("client: the total budget bounds retries", "[net][tradier][fake]") {
  world w{gd::test::fake_options(), [](gd::net::client_options& o) {
            o.deadline = milliseconds{200};
            o.total_budget = milliseconds{300};
            o.max_attempts = 10;
          }};
  w.fake.push_fault(quotes_path, fault::slow(milliseconds{2'000}), 10);
  const auto t0 = steady::now();
  auto r = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE_FALSE(r);
  CHECK(r.err().code == gd::net::client_errors::timeout);
  CHECK(ms_since(t0) < 800);
  CHECK(w.fake.request_count(quotes_path) <= 2);
}

TEST_CASE("client: truncated bodies and dropped connections are retried, then fail cleanly", "[net][tradier][fake]") {
  world w;
  // Content-Length larger than what is sent, then close: retried, second answer good.
  w.fake.push_fault(quotes_path, fault::truncated());
  auto once = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE(once);
  CHECK(once->status == 200);
  CHECK(once->attempts == 2);

  w.fake.push_fault(quotes_path, fault::truncated(), 4);
  auto always = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE_FALSE(always);
  CHECK(always.err().code == gd::net::client_errors::unavailable);
  CHECK_THAT(always.err().message, Catch::Contains("GET /v1/markets/quotes") && Catch::Contains("truncated") &&
                                       Catch::Contains("4 attempts"));

  w.fake.push_fault(quotes_path, fault::drop_connection());
  auto dropped_once = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE(dropped_once);
  CHECK(dropped_once->attempts == 2);

  // A pooled keep-alive connection that closes before answering looks exactly like one the server
  // timed out: the client retries it once on a fresh connection without counting an attempt.
  w.fake.push_fault(expirations_path, fault::drop_connection(), 8);
  const auto before = w.fake.request_count(expirations_path);
  const auto exps = w.md.expirations("PLTR");
  CHECK(w.fake.request_count(expirations_path) - before == 5);  // 1 stale-connection retry + 4 attempts
  REQUIRE_FALSE(exps);
  CHECK(exps.err().code == gd::net::client_errors::unavailable);
  CHECK_THAT(exps.err().message, Catch::Contains("/markets/options/expirations") &&
                                     Catch::Contains("connection closed before a response"));
}

TEST_CASE("client + provider: malformed JSON, single-object collapse and null strings", "[net][tradier][fake]") {
  world w;
  w.fake.push_fault(chains_path, fault::malformed_json());
  const auto bad = w.md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE_FALSE(bad);
  CHECK(bad.err().code == error_codes::malformed);
  CHECK_THAT(bad.err().message, Catch::Contains("/markets/options/chains"));
  CHECK(w.fake.request_count(chains_path) == 1);  // a 200 with bad JSON is not retried

  w.fake.push_fault(chains_path, fault::collapse_single());
  const auto one = w.md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE(one);
  CHECK(one->chain.rows.size() == 1);
  CHECK(nlohmann::json::parse(one->raw_json)["options"]["option"].is_object());

  w.fake.push_fault(chains_path, fault::null_string());
  const auto none = w.md.chain("PLTR", 2026_y / 6 / 18);
  REQUIRE_FALSE(none);
  CHECK(none.err().code == error_codes::no_data);

  w.fake.push_fault(expirations_path, fault::collapse_single());
  const auto single_date = w.md.expirations("PLTR");
  REQUIRE(single_date);
  CHECK(single_date->size() == 1);

  w.fake.push_fault(expirations_path, fault::json_null());
  const auto null_exps = w.md.expirations("PLTR");
  REQUIRE_FALSE(null_exps);
  CHECK(null_exps.err().code == error_codes::no_data);

  // Unknown symbols: Tradier's "not found" shapes from the fake, not errors of the transport.
  const auto unknown = w.md.quotes({"NOPE"});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.err().code == error_codes::no_data);
  CHECK_THAT(unknown.err().message, Catch::Contains("NOPE"));

  // Custom bodies per path and query.
  w.fake.set_body(expirations_path, {{"symbol", "SPX"}}, R"({"expirations":{"date":["2024-07-01","2024-07-02"]}})");
  const auto spx = w.md.expirations("SPX");
  REQUIRE(spx);
  CHECK(spx->size() == 2);
}

TEST_CASE("client: a rejected token gives a clear error that never contains the token", "[net][tradier][fake]") {
  gd::test::log_capture logs;
  const std::string wrong = "WRONG-token-do-not-print-91x";
  world w{gd::test::fake_options(), [&](gd::net::client_options& o) { o.bearer_token = wrong; }};
  const auto exps = w.md.expirations("PLTR");
  REQUIRE_FALSE(exps);
  CHECK(exps.err().code == error_codes::auth);
  CHECK_THAT(exps.err().message, Catch::Contains("/markets/options/expirations") && Catch::Contains("HTTP 401") &&
                                     Catch::Contains("Invalid Access Token"));
  CHECK_THAT(exps.err().message, !Catch::Contains(wrong) && !Catch::Contains(secret_token));
  CHECK(w.fake.request_count(expirations_path) == 1);  // 401 is not retried
  REQUIRE(w.fake.requests().back().header("authorization") == "Bearer " + wrong);  // it was sent

  // Without any token at all: the same 401, no crash.
  auto anonymous = std::make_shared<gd::net::http_client>([&] {
    auto o = fast_client_options(w.fake.base_url());
    o.bearer_token.reset();
    return o;
  }());
  auto r = anonymous->get("/markets/quotes?symbols=PLTR");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK_FALSE(r->header("X-Ratelimit-Available"));
  CHECK_THAT(logs.text(), !Catch::Contains(wrong));
}

TEST_CASE("client: waits for X-Ratelimit-Expiry when Available reaches 0", "[net][tradier][fake]") {
  auto fo = gd::test::fake_options();
  fo.rate_limit_allowed = 2;
  fo.rate_limit_window = milliseconds{400};
  world w{fo};
  auto first = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE(first);
  CHECK(first->header("X-Ratelimit-Available") == "1");
  auto second = w.client->get("/markets/quotes?symbols=AAPL");
  REQUIRE(second);
  REQUIRE(second->header("X-Ratelimit-Available") == "0");
  const auto expiry_ms = gd::net::parse_header_int(second->header("X-Ratelimit-Expiry"));
  REQUIRE(expiry_ms);
  const auto now_ms =
      std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto distance = *expiry_ms - now_ms;
  REQUIRE(distance > 0);

  const auto t0 = steady::now();
  auto third = w.client->get("/markets/quotes?symbols=PLTR");
  const auto waited = ms_since(t0);
  REQUIRE(third);
  CHECK(third->status == 200);  // no 429: the client waited for the new window
  CHECK(third->attempts == 1);
  CHECK(waited >= distance - 1);
  CHECK(waited < distance + 500);
  CHECK(w.client->stats().rate_limit_waits == 1);
  CHECK(w.fake.request_count(quotes_path) == 3);
}

TEST_CASE("client: a window exhausted beyond the budget fails fast", "[net][tradier][fake]") {
  auto fo = gd::test::fake_options();
  fo.rate_limit_allowed = 1;
  fo.rate_limit_window = milliseconds{5'000};
  world w{fo, [](gd::net::client_options& o) {
            o.total_budget = milliseconds{1'000};
            o.deadline = milliseconds{500};
            o.max_rate_limit_wait = milliseconds{10'000};
          }};
  REQUIRE(w.client->get("/markets/quotes?symbols=PLTR"));
  const auto t0 = steady::now();
  auto r = w.client->get("/markets/quotes?symbols=PLTR");
  REQUIRE_FALSE(r);
  CHECK(r.err().code == gd::net::client_errors::rate_limited);
  CHECK_THAT(r.err().message, Catch::Contains("GET /v1/markets/quotes") && Catch::Contains("X-Ratelimit-Available=0"));
  CHECK(ms_since(t0) < 200);
  CHECK(w.fake.request_count(quotes_path) == 1);
}

TEST_CASE("client: body size cap, bad options, concurrency and cancel", "[net][tradier][fake]") {
  world w{gd::test::fake_options(), [](gd::net::client_options& o) {
            o.max_body = 1'000;
            o.max_idle_connections = 8;  // room for every concurrent caller's connection
          }};
  auto big = w.client->get("/markets/options/chains?symbol=PLTR&expiration=2026-06-18&greeks=true");
  REQUIRE_FALSE(big);
  CHECK(big.err().code == gd::net::client_errors::too_large);
  CHECK(w.fake.request_count(chains_path) == 1);  // not retried

  auto bad_target = w.client->get("/markets/quotes?symbols=A\r\nX-Injected: 1");
  REQUIRE_FALSE(bad_target);
  CHECK(bad_target.err().code == gd::net::client_errors::invalid_request);

  auto with = [](auto tweak) {
    gd::net::client_options o = fast_client_options("http://127.0.0.1:1/v1");
    tweak(o);
    return o;
  };
  CHECK_THROWS_AS(gd::net::http_client(with([](auto& o) { o.base_url = "sandbox.tradier.com/v1"; })), std::invalid_argument);
  CHECK_THROWS_AS(gd::net::http_client(with([](auto& o) { o.bearer_token = "abc\r\nX: y"; })), std::invalid_argument);
  CHECK_THROWS_AS(gd::net::http_client(with([](auto& o) { o.max_attempts = 0; })), std::invalid_argument);
  try {
    gd::net::http_client c(with([](auto& o) { o.bearer_token = "has space-SECRET"; }));
    FAIL("accepted a token with a space");
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(std::string{e.what()}, !Catch::Contains("SECRET"));
  }

  // Concurrent callers share the client (and its pool) safely.
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 5; ++k) {
        if (auto r = w.client->get("/markets/quotes?symbols=PLTR"); r && r->status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == 30);
  CHECK(w.client->stats().connections_opened <= 7);  // the first (closed after too_large) + one per thread

  // cancel() wakes a caller stuck in a slow request.
  w.fake.push_fault(quotes_path, fault::slow(milliseconds{3'000}));
  const auto t0 = steady::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds{100});
    w.client->cancel();
  });
  auto cancelled = w.client->get("/markets/quotes?symbols=PLTR");
  canceller.join();
  REQUIRE_FALSE(cancelled);
  CHECK(cancelled.err().code == gd::net::client_errors::cancelled);
  CHECK(ms_since(t0) < 1'000);
}

TEST_CASE("client: connection refused is retried then reported", "[net][tradier][fake]") {
  std::uint16_t port = 0;
  {
    fake_tradier probe{gd::test::fake_options()};
    probe.start();
    port = probe.port();
  }  // stopped: nothing listens on that port now
  auto o = fast_client_options("http://127.0.0.1:" + std::to_string(port) + "/v1");
  gd::net::http_client client{o};
  auto r = client.get("/markets/quotes?symbols=PLTR");
  REQUIRE_FALSE(r);
  CHECK(r.err().code == gd::net::client_errors::unavailable);
  CHECK_THAT(r.err().message, Catch::Contains("cannot connect") && Catch::Contains("4 attempts"));
}
