#pragma once
// The service's HTTP front: routing (404/405), query-parameter checks, admin authentication,
// CORS, the dashboard's static files, error mapping to JSON bodies, access log and metrics.
#include <string>
#include <vector>

#include <gd/net/http_server.hpp>

#include "api/router.hpp"
#include "api/static_files.hpp"
#include "app/metrics.hpp"

namespace gd::api {

struct handler_options {
  std::vector<std::string> cors_origins;
  std::optional<std::string> admin_api_key;
};

class api_handler final : public net::http_handler {
 public:
  api_handler(const router& routes, const static_files& statics, app::metrics_registry& metrics,
              handler_options options);

  bool runs_inline(const net::http_request& request) const override;
  net::http_response handle(const net::http_request& request) override;
  void on_complete(const net::http_request& request, const net::http_response& response,
                   std::chrono::microseconds elapsed) override;

 private:
  net::http_response dispatch(const net::http_request& request);
  void add_cors(const net::http_request& request, net::http_response& response) const;
  std::optional<net::http_response> check_admin(const net::http_request& request) const;

  const router& routes_;
  const static_files& statics_;
  app::metrics_registry& metrics_;
  handler_options options_;
};

// Constant-time comparison for secrets.
bool secrets_equal(const std::string& a, const std::string& b);

}  // namespace gd::api
