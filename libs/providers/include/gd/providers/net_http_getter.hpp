#pragma once
// Adapts gd::net::http_client (TLS, retries, rate limit, deadline) to the providers' transport
// port, so vendor adapters such as tradier_market_data run over real sockets. gd::net does not
// know about providers; this one class is where the two meet.
#include <memory>

#include <gd/net/http_client.hpp>
#include <gd/providers/http_getter.hpp>

namespace gd::providers {

class net_http_getter final : public http_getter {
 public:
  explicit net_http_getter(std::shared_ptr<gd::net::http_client> client);
  // Builds the client: throws std::invalid_argument on bad options (a start-up failure).
  explicit net_http_getter(gd::net::client_options options);

  gd::result<http_response> get(std::string_view path_and_query) override;
  gd::result<http_response> send(std::string_view method, std::string_view path_and_query, std::string body,
                                 std::string_view content_type) override;

  gd::net::http_client& client() noexcept { return *client_; }

 private:
  std::shared_ptr<gd::net::http_client> client_;
};

}  // namespace gd::providers
