#include <gd/providers/net_http_getter.hpp>

#include <stdexcept>

namespace gd::providers {

net_http_getter::net_http_getter(std::shared_ptr<gd::net::http_client> client) : client_(std::move(client)) {
  if (!client_) throw std::invalid_argument("net_http_getter: no http_client");
}

net_http_getter::net_http_getter(gd::net::client_options options)
    : client_(std::make_shared<gd::net::http_client>(std::move(options))) {}

gd::result<http_response> net_http_getter::get(std::string_view path_and_query) {
  auto r = client_->get(path_and_query);
  if (!r) return r.err();
  http_response out;
  out.status = r->status;
  out.headers = std::move(r->headers);
  out.body = std::move(r->body);
  return out;
}

}  // namespace gd::providers
