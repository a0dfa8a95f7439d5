#pragma once
// Transport-neutral HTTP request/response values. Handlers and routers see only these, so Beast
// and Asio stay inside a few translation units of libs/net (they are expensive to compile).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gd::net {

struct http_request {
  std::string method;       // "GET", "POST", ...
  std::string target;       // raw request target, "/api/x?limit=5"
  std::string path;         // percent-decoded path, "/api/x"
  std::multimap<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> headers;      // lower-cased names
  std::string body;
  std::string remote_address;
  bool remote_is_loopback = false;
  std::string request_id;

  std::optional<std::string> header(std::string_view lower_name) const;
  std::optional<std::string> query_param(std::string_view name) const;
};

struct http_response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;   // extra headers
  std::string route_label;   // not sent: the matched route pattern, for metrics and logs

  void set_header(std::string name, std::string value);
};

// Splits "path?query" and decodes both; false when the percent-encoding is malformed.
bool parse_target(std::string_view target, std::string& path, std::multimap<std::string, std::string>& query);
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);
bool is_loopback_address(std::string_view address);

}  // namespace gd::net
