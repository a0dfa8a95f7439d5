#pragma once
// A blocking HTTP(S) client for vendor REST APIs (Tradier first): GETs with retries, and sends
// (POST/PUT/DELETE/PATCH) that are never repeated once written. Callers are worker threads;
// the sockets live on a private io_context thread owned by the client, so a call never touches
// the service's I/O threads. Per call: a deadline per attempt (connect + TLS + write + read),
// bounded retries with jittered exponential backoff (429, 5xx, timeouts, connection errors), a
// rate limiter fed by X-Ratelimit-* headers, a body size cap, keep-alive connection reuse.
// The bearer token is sent on every request and never appears in an error message or log line.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gd/core/result.hpp>

namespace gd::net {

// Error codes of http_client::get and ::send (gd::error::code). Any HTTP status is a response, not
// an error. get() fails with the first seven; send() only with not_sent, outcome_unknown and
// invalid_request (the message then says whether it was a timeout, a reset, TLS, ...).
namespace client_errors {
inline constexpr std::string_view timeout = "vendor_timeout";          // deadline hit on every attempt
inline constexpr std::string_view unavailable = "vendor_unavailable";  // connect/reset/truncated, retries spent
inline constexpr std::string_view tls = "vendor_tls";                  // certificate or handshake refused (not retried)
inline constexpr std::string_view too_large = "vendor_too_large";      // body above client_options::max_body
inline constexpr std::string_view cancelled = "vendor_cancelled";      // http_client::cancel() or destruction
inline constexpr std::string_view rate_limited = "vendor_rate_limited";  // window exhausted beyond the budget
inline constexpr std::string_view invalid_request = "invalid_request";  // control characters in the path
// send(): no byte of the request reached a socket (resolve/connect/TLS handshake failed, the rate
// limit window outlasts the budget, cancelled before writing). The server cannot have acted on it.
inline constexpr std::string_view not_sent = "vendor_not_sent";
// send(): the request was (perhaps partly) written and no complete response came back (timeout,
// reset, truncated or oversized answer, cancelled in flight). The server may have acted on it.
inline constexpr std::string_view outcome_unknown = "vendor_outcome_unknown";
}  // namespace client_errors

struct client_options {
  // Scheme, host, optional port and path prefix: "https://sandbox.tradier.com/v1". The prefix is
  // kept: get("/markets/quotes?...") requests "/v1/markets/quotes?...". No user info, query or fragment.
  std::string base_url;
  std::optional<std::string> bearer_token;  // "Authorization: Bearer <token>" on every call
  std::string accept = "application/json";
  std::string user_agent = "gammadesk";
  // Short name used to prefix log lines ("tradier"); error messages name "GET <path>" instead.
  std::string log_name = "http";

  std::chrono::milliseconds deadline{10'000};       // one attempt: resolve + connect + TLS + write + read
  int max_attempts = 4;                             // GETs; sends retry only failed connects; 1 disables
  std::chrono::milliseconds total_budget{30'000};   // all attempts, backoff and rate-limit waits together
  std::chrono::milliseconds backoff_base{250};      // attempt n waits ~base * 2^(n-1), jittered
  std::chrono::milliseconds backoff_cap{4'000};
  std::chrono::milliseconds max_rate_limit_wait{65'000};  // bound on waiting for X-Ratelimit-Expiry
  std::chrono::milliseconds rate_limit_margin{50};        // added to that wait (clock skew, ms rounding)
  std::size_t max_body = std::size_t{64} << 20;     // larger bodies fail with client_errors::too_large
  std::size_t max_idle_connections = 4;             // keep-alive pool (0 disables reuse)
  std::chrono::milliseconds idle_timeout{20'000};   // pooled connections older than this are dropped

  // TLS: the system trust store unless disabled, plus extra PEM CA certificates (tests, private CAs).
  bool use_system_trust_store = true;
  std::optional<std::string> extra_ca_pem;
};

struct client_response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // in wire order, names as sent
  std::string body;
  int attempts = 1;  // how many requests this call took

  std::optional<std::string_view> header(std::string_view name) const;  // case-insensitive
};

// Counters for tests and metrics.
struct client_stats {
  std::uint64_t requests = 0;             // requests written to a connection (GETs and sends)
  std::uint64_t connections_opened = 0;
  std::uint64_t retries = 0;
  std::uint64_t rate_limit_waits = 0;     // times a call waited for X-Ratelimit-Expiry
  std::chrono::milliseconds rate_limit_waited{0};
};

class http_client {
 public:
  // Throws std::invalid_argument for a bad base_url or options (start-up failure, one clear line).
  explicit http_client(client_options options);
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  // GET base path + `path_and_query` ("/markets/quotes?symbols=SPX"). Blocking; thread-safe, and
  // concurrent calls proceed concurrently. A gd::error only for transport failures after retries.
  gd::result<client_response> get(std::string_view path_and_query);

  // `method` ("POST", "PUT", "DELETE" or "PATCH") base path + `path_and_query` with `body` (sent
  // with `content_type` unless both are empty). Non-idempotent, so never repeated once any byte may
  // have been written: the request goes out on a fresh connection (a pooled one the server has
  // closed would make a failed write ambiguous), and only a connection that could not be opened at
  // all (resolve/TCP connect failure) is tried again, within max_attempts and the budget. The rate
  // limiter and the per-attempt deadline apply as for get(). Any HTTP status (429 and 5xx too) is
  // returned as a response, never retried. Errors: client_errors::not_sent / outcome_unknown /
  // invalid_request (see above).
  gd::result<client_response> send(std::string_view method, std::string_view path_and_query, std::string body,
                                   std::string_view content_type);

  // Wakes every waiting call and fails in-flight ones with client_errors::cancelled; later calls fail too.
  void cancel();

  client_stats stats() const;
  const client_options& options() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace gd::net
