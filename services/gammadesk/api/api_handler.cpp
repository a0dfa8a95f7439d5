#include "api/api_handler.hpp"

#include <spdlog/spdlog.h>

#include <gd/store/connection_pool.hpp>

#include "api/api_error.hpp"
#include "app/logging.hpp"

namespace gd::api {

bool secrets_equal(const std::string& a, const std::string& b) {
  // Compare every byte whatever the lengths, so timing tells nothing about the key.
  const std::size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

api_handler::api_handler(const router& routes, const static_files& statics, app::metrics_registry& metrics,
                         handler_options options)
    : routes_(routes), statics_(statics), metrics_(metrics), options_(std::move(options)) {}

bool api_handler::runs_inline(const net::http_request& request) const {
  const auto m = routes_.find(request.method, request.path);
  if (m.found != nullptr) return m.found->inline_if ? m.found->inline_if(request) : m.found->inline_ok;
  return true;   // 404/405/OPTIONS/static files are answered from memory
}

void api_handler::add_cors(const net::http_request& request, net::http_response& response) const {
  const auto origin = request.header("origin");
  if (!origin) return;
  for (const auto& allowed : options_.cors_origins) {
    if (allowed == "*" || allowed == *origin) {
      response.set_header("Access-Control-Allow-Origin", allowed == "*" ? "*" : *origin);
      response.set_header("Vary", "Origin");
      response.set_header("Access-Control-Expose-Headers", "X-Request-Id");
      return;
    }
  }
}

std::optional<net::http_response> api_handler::check_admin(const net::http_request& request) const {
  if (options_.admin_api_key) {
    const auto key = request.header("x-api-key");
    if (!key) return error_response(401, "unauthorized", "this endpoint needs the X-API-Key header");
    if (!secrets_equal(*key, *options_.admin_api_key)) {
      return error_response(401, "unauthorized", "the X-API-Key header does not match ADMIN_API_KEY");
    }
    return std::nullopt;
  }
  if (!request.remote_is_loopback) {
    return error_response(403, "forbidden",
                          "admin endpoints answer only loopback clients while ADMIN_API_KEY is unset");
  }
  return std::nullopt;
}

net::http_response api_handler::handle(const net::http_request& request) {
  app::request_log_scope scope(request.request_id);
  net::http_response response = dispatch(request);
  add_cors(request, response);
  return response;
}

net::http_response api_handler::dispatch(const net::http_request& request) {
  if (request.method == "OPTIONS") {   // CORS preflight
    net::http_response r;
    r.status = 204;
    r.content_type = "text/plain";
    r.route_label = "preflight";
    r.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    r.set_header("Access-Control-Allow-Headers", "Content-Type, X-API-Key, X-Request-Id");
    r.set_header("Access-Control-Max-Age", "600");
    return r;
  }
  const auto m = routes_.find(request.method, request.path);
  if (m.found == nullptr) {
    if (!m.allowed_methods.empty()) {
      std::string allow;
      for (const auto& a : m.allowed_methods) allow += (allow.empty() ? "" : ", ") + a;
      auto r = error_response(405, "method_not_allowed", request.method + " is not allowed on " + request.path +
                                                             " (allowed: " + allow + ")");
      r.set_header("Allow", allow);
      r.route_label = "unmatched";
      return r;
    }
    const bool api_path = request.path.rfind("/api/", 0) == 0 || request.path == "/api";
    if (request.method == "GET" && !api_path) {
      if (auto r = statics_.serve(request.path)) {
        r->route_label = "static";
        return *r;
      }
    }
    auto r = error_response(404, "not_found", "no route for " + request.method + " " + request.path);
    r.route_label = "unmatched";
    return r;
  }

  const route& rt = *m.found;
  net::http_response response;
  try {
    for (const auto& [name, value] : request.query) {
      if (std::find(rt.query_params.begin(), rt.query_params.end(), name) == rt.query_params.end()) {
        std::string allowed;
        for (const auto& a : rt.query_params) allowed += (allowed.empty() ? "" : ", ") + a;
        throw bad_request("unknown query parameter '" + name + "'" +
                          (allowed.empty() ? std::string(" (this endpoint takes none)") : " (allowed: " + allowed + ")"));
      }
    }
    if (rt.admin) {
      if (auto denied = check_admin(request)) {
        denied->route_label = rt.pattern;
        return *denied;
      }
    }
    response = rt.handler(request_context(request, m.path_params));
  } catch (const api_error& e) {
    response = error_response(e.status(), e.code(), e.what());
  } catch (const store::db_unavailable& e) {
    spdlog::warn("{} {}: database unavailable: {}", request.method, request.path, e.what());
    response = error_response(503, "database_unavailable", "the database is unavailable; try again shortly");
    response.set_header("Retry-After", "5");
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", request.method, request.path, e.what());
    response = error_response(500, "internal", "internal error; see the server log for request " + request.request_id);
  }
  response.route_label = rt.pattern;
  return response;
}

void api_handler::on_complete(const net::http_request& request, const net::http_response& response,
                              std::chrono::microseconds elapsed) {
  const std::string& route = response.route_label.empty() ? std::string("unmatched") : response.route_label;
  metrics_.observe_request(route, request.method, response.status, static_cast<double>(elapsed.count()) / 1e6);
  if (route == "/health" || route == "/metrics" || route == "static") {
    spdlog::debug("req={} {} {} {} {:.3f}ms", request.request_id, request.method, request.target, response.status,
                  static_cast<double>(elapsed.count()) / 1000.0);
  } else {
    spdlog::info("req={} {} {} {} {:.3f}ms {}", request.request_id, request.method, request.target, response.status,
                 static_cast<double>(elapsed.count()) / 1000.0, request.remote_address);
  }
}

}  // namespace gd::api
