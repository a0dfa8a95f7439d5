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

class http_getter {
 public:
  virtual ~http_getter() = default;
  // GET `path_and_query` relative to the transport's base URL (e.g. "https://api.tradier.com/v1").
  // An error only for transport failures (connect, TLS, timeout); any HTTP status is a response.
  virtual gd::result<http_response> get(std::string_view path_and_query) = 0;
};

// Percent-encodes a query-string value (RFC 3986 unreserved characters pass through).
std::string url_encode(std::string_view value);

}  // namespace gd::providers
