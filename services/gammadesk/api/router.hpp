#pragma once
// The route table: method + path pattern ("/api/chain-snapshots/{id}") -> handler, with the
// query parameters each route accepts (others are a 400, so typos do not pass silently).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gd/net/http_message.hpp>

namespace gd::api {

class request_context {
 public:
  request_context(const net::http_request& http, std::map<std::string, std::string> path_params)
      : http_(http), path_params_(std::move(path_params)) {}

  const net::http_request& http() const noexcept { return http_; }
  const std::string& path_param(const std::string& name) const;
  std::optional<std::string> query(const std::string& name) const;
  // Integer query parameter in [lo, hi]; the default when absent; 400 when malformed or out of range.
  long long query_int(const std::string& name, long long fallback, long long lo, long long hi) const;
  double query_double(const std::string& name, double fallback, double lo, double hi) const;
  bool query_bool(const std::string& name, bool fallback) const;
  // One of the allowed values; the default when absent.
  std::string query_choice(const std::string& name, const std::string& fallback,
                           const std::vector<std::string>& allowed) const;
  long long path_int(const std::string& name) const;   // 400 when not a positive integer

 private:
  const net::http_request& http_;
  std::map<std::string, std::string> path_params_;
};

using route_handler = std::function<net::http_response(const request_context&)>;

struct route {
  std::string method;
  std::string pattern;
  route_handler handler;
  std::vector<std::string> query_params;   // accepted query parameter names
  bool admin = false;                      // needs the admin key (or loopback when none is set)
  bool inline_ok = false;                  // quick and non-blocking: may run on the I/O thread
  // When set, decides per request instead of inline_ok (e.g. inline only when served from memory).
  std::function<bool(const net::http_request&)> inline_if;
};

class router {
 public:
  void add(route r);

  struct match {
    const route* found = nullptr;
    std::map<std::string, std::string> path_params;
    std::vector<std::string> allowed_methods;   // when the path exists under other methods (405)
  };
  match find(const std::string& method, const std::string& path) const;
  const std::vector<route>& routes() const noexcept { return routes_; }

 private:
  std::vector<route> routes_;
  std::vector<std::vector<std::string>> segments_;   // routes_[i].pattern split at '/'
};

}  // namespace gd::api
