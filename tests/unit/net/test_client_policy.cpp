#include <gd/net/client_policy.hpp>

#include <stdexcept>

#include <catch2/catch.hpp>

using namespace gd::net;
using std::chrono::milliseconds;
using wall = std::chrono::system_clock;

TEST_CASE("base URL: scheme, host, port and path prefix", "[net][client_policy]") {
  const auto sandbox = parse_base_url("https://sandbox.tradier.com/v1");
  CHECK(sandbox.tls);
  CHECK(sandbox.host == "sandbox.tradier.com");
  CHECK(sandbox.port == 443);
  CHECK(sandbox.path_prefix == "/v1");
  CHECK(sandbox.host_header() == "sandbox.tradier.com");
  CHECK_FALSE(sandbox.host_is_ip_literal());
  CHECK(join_target(sandbox, "/markets/quotes?symbols=SPX") == "/v1/markets/quotes?symbols=SPX");
  CHECK(join_target(sandbox, "markets/clock") == "/v1/markets/clock");

  const auto local = parse_base_url("http://127.0.0.1:8099/v1/");
  CHECK_FALSE(local.tls);
  CHECK(local.port == 8099);
  CHECK(local.path_prefix == "/v1");
  CHECK(local.host_header() == "127.0.0.1:8099");
  CHECK(local.host_is_ip_literal());

  const auto bare = parse_base_url("HTTPS://api.tradier.com");
  CHECK(bare.path_prefix.empty());
  CHECK(join_target(bare, "/v1/markets/clock") == "/v1/markets/clock");

  const auto v6 = parse_base_url("http://[::1]:81/x");
  CHECK(v6.host == "::1");
  CHECK(v6.host_header() == "[::1]:81");
  CHECK(v6.host_is_ip_literal());

  for (const char* bad : {"sandbox.tradier.com/v1", "ftp://x/v1", "https://", "https://user:pw@host/v1",
                          "https://host:0/v1", "https://host:99999", "https://host:12ab", "https://host/v1?x=1",
                          "https://ho st/v1", "https://[::1/v1", "https://host:/v1"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_base_url(bad), std::invalid_argument);
  }
}

TEST_CASE("describe_request names the path, never the query", "[net][client_policy]") {
  CHECK(describe_request("/v1/accounts/VA123/orders?secret=abc") == "GET /v1/accounts/VA123/orders");
  CHECK(describe_request("/v1/markets/quotes") == "GET /v1/markets/quotes");
  CHECK(describe_request("/v1/a\r\nb") == "GET /v1/a??b");
}

TEST_CASE("retryable statuses: 429, 5xx, 400 Quota Violation", "[net][client_policy]") {
  CHECK(retryable_status(429, ""));
  CHECK(retryable_status(500, ""));
  CHECK(retryable_status(502, "<html>"));
  CHECK(retryable_status(503, ""));
  CHECK_FALSE(retryable_status(501, ""));
  CHECK(retryable_status(400, "Quota Violation 1719590820000"));
  CHECK_FALSE(retryable_status(400, R"({"errors":{"error":"Invalid parameter"}})"));
  CHECK_FALSE(retryable_status(401, "Invalid Access Token"));
  CHECK_FALSE(retryable_status(404, ""));
  CHECK_FALSE(retryable_status(200, ""));
}

TEST_CASE("backoff: exponential, capped, jittered within [d/2, d]", "[net][client_policy]") {
  const milliseconds base{100}, cap{1000};
  CHECK(backoff_delay(2, base, cap, 0.0) == milliseconds{50});
  CHECK(backoff_delay(2, base, cap, 1.0) == milliseconds{100});
  CHECK(backoff_delay(3, base, cap, 1.0) == milliseconds{200});
  CHECK(backoff_delay(4, base, cap, 0.5) == milliseconds{300});
  CHECK(backoff_delay(10, base, cap, 1.0) == milliseconds{1000});
  CHECK(backoff_delay(60, base, cap, 0.0) == milliseconds{500});
  for (int attempt = 2; attempt < 8; ++attempt) {
    for (double r : {0.0, 0.3, 0.99}) {
      const auto d = backoff_delay(attempt, base, cap, r);
      CHECK(d >= milliseconds{50});
      CHECK(d <= cap);
    }
  }
}

TEST_CASE("header integers", "[net][client_policy]") {
  CHECK(parse_header_int(std::string_view{"1719590820000"}) == 1719590820000);
  CHECK(parse_header_int(std::string_view{" 198 "}) == 198);
  CHECK_FALSE(parse_header_int(std::nullopt));
  CHECK_FALSE(parse_header_int(std::string_view{""}));
  CHECK_FALSE(parse_header_int(std::string_view{"-1"}));
  CHECK_FALSE(parse_header_int(std::string_view{"12x"}));
}

TEST_CASE("rate limiter: waits for X-Ratelimit-Expiry once Available is 0", "[net][client_policy]") {
  const wall::time_point t0{milliseconds{1'719'590'760'000}};
  const std::int64_t expiry = 1'719'590'820'000;  // t0 + 60 s
  rate_limiter limiter{milliseconds{65'000}};

  CHECK(limiter.acquire(t0) == milliseconds{0});  // nothing known yet
  limiter.observe(2, expiry, t0);
  CHECK(limiter.acquire(t0) == milliseconds{0});  // reserves one of 2
  CHECK(limiter.acquire(t0) == milliseconds{0});  // reserves the last
  CHECK(limiter.acquire(t0 + milliseconds{10'000}) == milliseconds{50'000});

  // A late response to an older request (higher Available, same window) does not reopen it.
  limiter.observe(5, expiry, t0 + milliseconds{11'000});
  CHECK(limiter.acquire(t0 + milliseconds{11'000}) == milliseconds{49'000});

  // Past the expiry the window is unknown again: no wait.
  CHECK(limiter.acquire(t0 + milliseconds{60'000}) == milliseconds{0});
  CHECK(limiter.acquire(t0 + milliseconds{60'001}) == milliseconds{0});

  // A newer window replaces the old one; Available 0 there means wait for it.
  limiter.observe(0, expiry + 60'000, t0 + milliseconds{61'000});
  CHECK(limiter.acquire(t0 + milliseconds{61'000}) == milliseconds{59'000});
}

TEST_CASE("rate limiter: waits are bounded and stale headers ignored", "[net][client_policy]") {
  const wall::time_point t0{milliseconds{1'000'000}};
  rate_limiter limiter{milliseconds{2'000}};
  limiter.observe(0, 1'000'000 + 3'600'000, t0);  // a skewed clock or a bogus hour-long window
  CHECK(limiter.acquire(t0) == milliseconds{2'000});
  CHECK(limiter.wait_after_throttle(1'000'000 + 500, t0) == milliseconds{500});
  CHECK(limiter.wait_after_throttle(1'000'000 + 3'600'000, t0) == milliseconds{2'000});
  CHECK(limiter.wait_after_throttle(999'000, t0) == milliseconds{0});
  CHECK(limiter.wait_after_throttle(std::nullopt, t0) == milliseconds{0});

  rate_limiter with_margin{milliseconds{2'000}, milliseconds{50}};
  with_margin.observe(0, 1'000'000 + 300, t0);
  CHECK(with_margin.acquire(t0) == milliseconds{350});
  CHECK(with_margin.wait_after_throttle(1'000'000 + 100, t0) == milliseconds{150});

  rate_limiter fresh{milliseconds{2'000}};
  fresh.observe(0, 999'000, t0);  // already expired: ignored
  CHECK(fresh.acquire(t0) == milliseconds{0});
  fresh.observe(std::nullopt, 1'000'500, t0);  // incomplete headers: ignored
  CHECK(fresh.acquire(t0) == milliseconds{0});
}
