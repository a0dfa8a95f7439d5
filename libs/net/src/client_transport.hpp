#pragma once
// Private to libs/net: one HTTP request attempt over a keep-alive connection, on an
// io_context thread owned by the transport. The only client code that sees Beast/Asio is
// client_transport.cpp; retries, backoff and rate limiting live in http_client.cpp.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <gd/net/client_policy.hpp>
#include <gd/net/http_client.hpp>

namespace gd::net::detail {

struct attempt_result {
  enum class outcome {
    response,        // any HTTP status
    timeout,         // the attempt's deadline passed
    connect_failed,  // resolve or TCP connect failed
    io_failed,       // reset, closed early, truncated body, malformed HTTP
    tls_failed,      // handshake or certificate verification failed
    too_large,       // body or header above the limits
    cancelled,
  };
  outcome kind = outcome::io_failed;
  client_response response;  // when kind == response
  std::string detail;        // human text for failures; never contains request headers
  // Whether writing the request began: false means no byte of it reached a socket, so the server
  // cannot have acted on it (what a non-idempotent send needs to know).
  bool request_started = false;
};

struct request_spec {
  std::string method = "GET";  // an HTTP token, checked by http_client
  std::string target;          // "/v1/accounts/VA1/orders"
  std::string body;            // sent with content_type when either is non-empty
  std::string content_type;
  // A new connection, never a pooled one, and no second pass on a stale connection: for requests
  // that must not be repeated, where a failed write on a reused socket would be ambiguous.
  bool fresh_connection = false;
};

class transport {
 public:
  // Throws std::invalid_argument when the TLS context cannot be built (e.g. a bad CA PEM).
  transport(base_url base, const client_options& options);
  ~transport();
  transport(const transport&) = delete;
  transport& operator=(const transport&) = delete;

  // Blocks the calling thread until the attempt completes or `deadline` passes.
  attempt_result get(const std::string& target, std::chrono::steady_clock::time_point deadline);
  attempt_result request(request_spec spec, std::chrono::steady_clock::time_point deadline);
  void cancel();

  std::uint64_t requests() const noexcept;
  std::uint64_t connections_opened() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace gd::net::detail
