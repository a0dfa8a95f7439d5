#pragma once
// The transport port for HTTP vendors. Providers build paths and parse bodies; the transport
// (libs/net: TLS, base URL, auth header, Accept header, retries, rate limit, deadline) lives
// behind this interface, so every parser and status mapping is testable without a socket.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gd/core/result.hpp>

namespace gd::providers {

struct http_response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Case-insensitive header lookup (HTTP field names are case-insensitive).
  std::optional<std::string_view> header(std::string_view name) const;
};

// Error codes of http_getter::send (the same strings as gd::net::client_errors, which the real
// transport passes through). Whether a failed send can have reached the server decides what a
// broker adapter may do next: resend, or look the order up.
namespace transport_errors {
inline constexpr std::string_view not_sent = "vendor_not_sent";                // no byte was written
inline constexpr std::string_view outcome_unknown = "vendor_outcome_unknown";  // written, no full answer
}  // namespace transport_errors

class http_getter {
 public:
  virtual ~http_getter() = default;
  // GET `path_and_query` relative to the transport's base URL (e.g. "https://api.tradier.com/v1").
  // An error only for transport failures (connect, TLS, timeout); any HTTP status is a response.
  virtual gd::result<http_response> get(std::string_view path_and_query) = 0;

  // `method` ("POST", "PUT", "DELETE") with `body` of `content_type` ("" for none). Never resent
  // by the transport once any byte may have been written; any HTTP status is a response. Errors:
  // transport_errors::not_sent or outcome_unknown (or "invalid_request" for a bad method/path).
  // The default is for read-only transports: every send fails with not_sent.
  virtual gd::result<http_response> send(std::string_view method, std::string_view path_and_query, std::string body,
                                         std::string_view content_type);
};

// Percent-encodes a query-string value (RFC 3986 unreserved characters pass through).
std::string url_encode(std::string_view value);

}  // namespace gd::providers
