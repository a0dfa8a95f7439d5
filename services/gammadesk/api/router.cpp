#include "api/router.hpp"

#include <charconv>
#include <cmath>

#include "api/api_error.hpp"

namespace gd::api {

namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                    std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> captured;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (path[i].empty()) return false;
      captured[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}
}  // namespace

net::http_response json_response(int status, const nlohmann::json& body) {
  net::http_response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

net::http_response error_response(int status, const std::string& code, const std::string& message) {
  return json_response(status, {{"error", {{"code", code}, {"message", message}}}});
}

const std::string& request_context::path_param(const std::string& name) const {
  static const std::string empty;
  const auto it = path_params_.find(name);
  return it == path_params_.end() ? empty : it->second;
}

std::optional<std::string> request_context::query(const std::string& name) const { return http_.query_param(name); }

long long request_context::query_int(const std::string& name, long long fallback, long long lo, long long hi) const {
  const auto v = query(name);
  if (!v) return fallback;
  long long x = 0;
  const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc{} || p != v->data() + v->size() || v->empty() || x < lo || x > hi) {
    throw bad_request("query parameter '" + name + "' must be an integer from " + std::to_string(lo) + " to " +
                      std::to_string(hi) + ", got '" + *v + "'");
  }
  return x;
}

double request_context::query_double(const std::string& name, double fallback, double lo, double hi) const {
  const auto v = query(name);
  if (!v) return fallback;
  double x = 0;
  const auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc{} || p != v->data() + v->size() || v->empty() || !std::isfinite(x) || x < lo || x > hi) {
    throw bad_request("query parameter '" + name + "' must be a number from " + std::to_string(lo) + " to " +
                      std::to_string(hi) + ", got '" + *v + "'");
  }
  return x;
}

bool request_context::query_bool(const std::string& name, bool fallback) const {
  const auto v = query(name);
  if (!v) return fallback;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  throw bad_request("query parameter '" + name + "' must be true or false, got '" + *v + "'");
}

std::string request_context::query_choice(const std::string& name, const std::string& fallback,
                                          const std::vector<std::string>& allowed) const {
  const auto v = query(name);
  if (!v) return fallback;
  for (const auto& a : allowed) {
    if (a == *v) return a;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw bad_request("query parameter '" + name + "' must be one of " + list + ", got '" + *v + "'");
}

long long request_context::path_int(const std::string& name) const {
  const auto& v = path_param(name);
  long long x = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc{} || p != v.data() + v.size() || v.empty() || x <= 0) {
    throw bad_request("path parameter '" + name + "' must be a positive integer, got '" + v + "'");
  }
  return x;
}

void router::add(route r) {
  segments_.push_back(split_path(r.pattern));
  routes_.push_back(std::move(r));
}

router::match router::find(const std::string& method, const std::string& path) const {
  match m;
  const auto parts = split_path(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& r = routes_[i];
    std::map<std::string, std::string> params;
    if (!segments_match(segments_[i], parts, params)) continue;
    if (r.method == method) {
      m.found = &r;
      m.path_params = std::move(params);
      return m;
    }
    m.allowed_methods.push_back(r.method);
  }
  return m;
}

}  // namespace gd::api
