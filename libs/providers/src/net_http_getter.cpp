#include <gd/providers/net_http_getter.hpp>

#include <stdexcept>

namespace gd::providers {

net_http_getter::net_http_getter(std::shared_ptr<gd::net::http_client> client) : client_(std::move(client)) {
  if (!client_) throw std::invalid_argument("net_http_getter: no http_client");
}

net_http_getter::net_http_getter(gd::net::client_options options)
    : client_(std::make_shared<gd::net::http_client>(std::move(options))) {}

namespace {

static_assert(transport_errors::not_sent == gd::net::client_errors::not_sent);
static_assert(transport_errors::outcome_unknown == gd::net::client_errors::outcome_unknown);

gd::result<http_response> converted(gd::result<gd::net::client_response> r) {
  if (!r) return r.err();
  http_response out;
  out.status = r->status;
  out.headers = std::move(r->headers);
  out.body = std::move(r->body);
  return out;
}

}  // namespace

gd::result<http_response> net_http_getter::get(std::string_view path_and_query) {
  return converted(client_->get(path_and_query));
}

gd::result<http_response> net_http_getter::send(std::string_view method, std::string_view path_and_query,
                                                std::string body, std::string_view content_type) {
  return converted(client_->send(method, path_and_query, std::move(body), content_type));
}

}  // namespace gd::providers
