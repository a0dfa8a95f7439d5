#pragma once
// The socket-free parts of http_client, separately testable: base URL parsing, which outcomes are
// retried, jittered exponential backoff, and the X-Ratelimit-* rate limiter.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace gd::net {

struct base_url {
  bool tls = true;
  std::string host;         // without brackets for IPv6 literals
  std::uint16_t port = 443;
  std::string path_prefix;  // "" or "/v1" (no trailing slash)

  // "host" or "host:port" (port only when not the scheme's default), as sent in the Host header.
  std::string host_header() const;
  bool host_is_ip_literal() const;
};

// Parses "http(s)://host[:port][/prefix]". Throws std::invalid_argument with a one-line reason.
base_url parse_base_url(std::string_view url);

// The request target: prefix + path_and_query (a missing leading '/' is added).
std::string join_target(const base_url& base, std::string_view path_and_query);

// "GET /v1/markets/quotes": the method and the path only. Queries can carry account ids or symbols
// lists and are never put in messages; control characters are replaced.
std::string describe_request(std::string_view target, std::string_view method = "GET");

// 429, 5xx (except 501 Not Implemented) and 400 "Quota Violation" (Tradier's throttling, sometimes
// delivered as 400) are worth another GET.
bool retryable_status(int status, std::string_view body);

// Backoff before attempt `next_attempt` (2, 3, ...): uniform in [d/2, d] with
// d = min(cap, base * 2^(next_attempt - 2)). `unit_random` is in [0, 1).
std::chrono::milliseconds backoff_delay(int next_attempt, std::chrono::milliseconds base,
                                        std::chrono::milliseconds cap, double unit_random);

// Parses a non-negative decimal integer header value; nullopt for anything else.
std::optional<std::int64_t> parse_header_int(std::optional<std::string_view> value);

// Client side of Tradier's per-minute windows. Every response's X-Ratelimit-Available and
// X-Ratelimit-Expiry (epoch ms) update the state; before each request acquire() says how long to
// wait: zero while the window has requests left (each acquire reserves one, so concurrent callers
// do not overshoot), else until the window's expiry (bounded by max_wait). Thread-safe.
class rate_limiter {
 public:
  using time_point = std::chrono::system_clock::time_point;

  // `margin` is added to every wait: the server's clock and ours differ, and its window ends
  // somewhere inside the millisecond it reports.
  explicit rate_limiter(std::chrono::milliseconds max_wait, std::chrono::milliseconds margin = std::chrono::milliseconds{0})
      : max_wait_(max_wait), margin_(margin) {}

  std::chrono::milliseconds acquire(time_point now);
  // From a response: `available` remaining in the window that ends at `expiry_ms` (epoch ms).
  void observe(std::optional<std::int64_t> available, std::optional<std::int64_t> expiry_ms, time_point now);
  // How long a throttled (429) response asks us to wait: until its expiry, bounded; zero if unknown/past.
  std::chrono::milliseconds wait_after_throttle(std::optional<std::int64_t> expiry_ms, time_point now) const;

 private:
  std::chrono::milliseconds bounded(std::chrono::milliseconds wait) const;

  std::mutex mu_;
  std::chrono::milliseconds max_wait_;
  std::chrono::milliseconds margin_;
  bool known_ = false;
  std::int64_t available_ = 0;
  time_point expiry_{};
};

}  // namespace gd::net
