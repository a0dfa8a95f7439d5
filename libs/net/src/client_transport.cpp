// One request attempt on Boost.Beast: C++20 coroutines on a private single-threaded io_context,
// TLS with certificate and host name verification, keep-alive pooling, a deadline on every step.
// Whether writing began is tracked exactly (attempt_state), because a send that must not be
// repeated needs to know whether the server can have seen it.
#include "client_transport.hpp"

#include <future>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace gd::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using outcome = attempt_result::outcome;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

struct connection {
  std::unique_ptr<beast::tcp_stream> plain;                // when the base URL is http://
  std::unique_ptr<ssl::stream<beast::tcp_stream>> secure;  // when it is https://
  beast::flat_buffer buffer;
  steady::time_point last_used{};
  bool host_mismatch = false;  // set by the verify callback: a clearer error than "verify failed"

  beast::tcp_stream& lowest() { return secure ? secure->next_layer() : *plain; }
  void close() {
    beast::error_code ignored;
    lowest().socket().close(ignored);
  }
};

attempt_result failure(outcome kind, std::string detail) {
  attempt_result r;
  r.kind = kind;
  r.detail = std::move(detail);
  return r;
}

// Shared by one attempt's coroutine (io thread) and the caller waiting for it. The caller that
// gives up first claims `abandoned`; the coroutine claims `writing` just before the first write.
// Whoever loses the race knows: a request abandoned before writing was never sent.
struct attempt_state {
  static constexpr int idle = 0, writing = 1, abandoned = 2;
  std::atomic<int> phase{idle};

  bool begin_write() {
    int expected = idle;
    return phase.compare_exchange_strong(expected, writing) || expected == writing;
  }
  bool abandon_before_write() {
    int expected = idle;
    return phase.compare_exchange_strong(expected, abandoned);
  }
  bool started() const { return phase.load() == writing; }
};

bool is_timeout(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == asio::error::timed_out;
}

// A reused keep-alive connection the server had already closed fails like this before any
// response byte arrives; one fresh connection is then tried within the same attempt.
bool stale_connection_error(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::connection_aborted || ec == ssl::error::stream_truncated;
}

std::string read_error_text(const beast::error_code& ec, bool header_done) {
  if (ec == http::error::partial_message) return "connection closed mid-body (truncated response)";
  if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == ssl::error::stream_truncated) {
    return header_done ? "connection closed mid-body (truncated response)" : "connection closed before a response";
  }
  if (ec.category() == http::make_error_code(http::error::bad_version).category()) {
    return "malformed HTTP response (" + ec.message() + ")";
  }
  return ec.message();
}

}  // namespace

struct transport::impl {
  base_url base;
  std::size_t max_body;
  std::size_t max_idle;
  steady::duration idle_timeout;
  http::request<http::string_body> request_template;  // holds the token: never logged or copied into text
  std::unique_ptr<ssl::context> tls;

  // io thread only:
  std::vector<std::unique_ptr<connection>> idle;
  std::set<connection*> active;

  std::atomic<bool> cancelled{false};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> opened{0};

  // Declared last so that it is destroyed first: unfinished coroutine frames it destroys still
  // touch `active` and the TLS context.
  asio::io_context ioc{1};
  asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
  std::thread thread;

  impl(base_url b, const client_options& o)
      : base(std::move(b)),
        max_body(o.max_body),
        max_idle(o.max_idle_connections),
        idle_timeout(o.idle_timeout) {
    request_template.method(http::verb::get);
    request_template.version(11);
    request_template.set(http::field::host, base.host_header());
    request_template.set(http::field::user_agent, o.user_agent);
    request_template.set(http::field::accept, o.accept);
    if (o.bearer_token) request_template.set(http::field::authorization, "Bearer " + *o.bearer_token);
    request_template.keep_alive(true);
    if (base.tls) tls = make_tls_context(o);
  }

  static std::unique_ptr<ssl::context> make_tls_context(const client_options& o) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_compression);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    ctx->set_verify_mode(ssl::verify_peer);
    beast::error_code ec;
    if (o.use_system_trust_store) {
      ctx->set_default_verify_paths(ec);
      if (ec) throw std::invalid_argument("TLS: cannot load the system trust store: " + ec.message());
    }
    if (o.extra_ca_pem) {
      ctx->add_certificate_authority(asio::buffer(*o.extra_ca_pem), ec);
      if (ec) throw std::invalid_argument("TLS: extra_ca_pem is not a PEM certificate: " + ec.message());
    }
    return ctx;
  }

  void start() {
    thread = std::thread([this] { ioc.run(); });
  }

  void stop() {
    cancelled = true;
    work.reset();
    ioc.stop();  // unfinished attempts are destroyed with the io_context (their sockets close)
    if (thread.joinable()) thread.join();
    idle.clear();  // pooled sockets must close while their io_context still exists
  }

  void close_all() {
    for (auto* c : active) c->close();
    for (auto& c : idle) c->close();
    idle.clear();
  }

  std::unique_ptr<connection> take_idle() {
    const auto now = steady::now();
    while (!idle.empty()) {
      auto c = std::move(idle.back());
      idle.pop_back();
      if (now - c->last_used < idle_timeout && c->lowest().socket().is_open()) return c;
      c->close();
    }
    return nullptr;
  }

  void give_back(std::unique_ptr<connection> c) {
    if (cancelled || max_idle == 0) return c->close();
    c->last_used = steady::now();
    idle.push_back(std::move(c));
    while (idle.size() > max_idle) {
      idle.front()->close();
      idle.erase(idle.begin());
    }
  }

  // Resolve + connect (+ TLS handshake). Sets `conn` on success.
  asio::awaitable<attempt_result> open(std::unique_ptr<connection>& conn, steady::time_point deadline) {
    auto ex = co_await asio::this_coro::executor;
    tcp::resolver resolver{ex};
    auto [rec, endpoints] = co_await resolver.async_resolve(base.host, std::to_string(base.port), use_tuple);
    if (cancelled) co_return failure(outcome::cancelled, "cancelled");
    if (steady::now() >= deadline) co_return failure(outcome::timeout, "timed out resolving " + base.host);
    if (rec) co_return failure(outcome::connect_failed, "cannot resolve " + base.host + ": " + rec.message());

    auto c = std::make_unique<connection>();
    if (tls) {
      c->secure = std::make_unique<ssl::stream<beast::tcp_stream>>(ex, *tls);
    } else {
      c->plain = std::make_unique<beast::tcp_stream>(ex);
    }
    active.insert(c.get());
    struct untrack {
      impl* self;
      connection* c;
      ~untrack() { self->active.erase(c); }
    } guard{this, c.get()};

    c->lowest().expires_at(deadline);
    auto [cec, ep] = co_await c->lowest().async_connect(endpoints, use_tuple);
    (void)ep;
    if (cancelled) co_return failure(outcome::cancelled, "cancelled");
    if (is_timeout(cec)) co_return failure(outcome::timeout, "timed out connecting to " + base.host_header());
    if (cec) co_return failure(outcome::connect_failed, "cannot connect to " + base.host_header() + ": " + cec.message());
    ++opened;

    if (c->secure) {
      SSL* native = c->secure->native_handle();
      // SNI carries names only (RFC 6066), never IP literals.
      if (!base.host_is_ip_literal() && SSL_set_tlsext_host_name(native, base.host.c_str()) != 1) {
        co_return failure(outcome::tls_failed, "TLS: cannot set SNI host name");
      }
      connection* raw = c.get();
      c->secure->set_verify_callback(
          [check = ssl::host_name_verification(base.host), raw](bool preverified, ssl::verify_context& ctx) {
            const bool ok = check(preverified, ctx);
            if (preverified && !ok) raw->host_mismatch = true;
            return ok;
          });
      c->lowest().expires_at(deadline);
      auto [hec] = co_await c->secure->async_handshake(ssl::stream_base::client, use_tuple);
      if (cancelled) co_return failure(outcome::cancelled, "cancelled");
      if (is_timeout(hec)) co_return failure(outcome::timeout, "timed out in the TLS handshake with " + base.host_header());
      if (hec) {
        std::string why = "TLS handshake with " + base.host_header() + " failed: " + hec.message();
        if (c->host_mismatch) {
          why = "TLS: the certificate of " + base.host_header() + " does not match the host name " + base.host;
        } else if (const long v = SSL_get_verify_result(native); v != X509_V_OK) {
          why += " (" + std::string{X509_verify_cert_error_string(v)} + ")";
        }
        co_return failure(outcome::tls_failed, why);
      }
    }
    conn = std::move(c);
    co_return attempt_result{outcome::response, {}, {}};
  }

  // The request for `spec`: the template's headers (host, agent, accept, token) plus method,
  // target and, for sends, the body with its Content-Type and Content-Length.
  std::optional<http::request<http::string_body>> build(const request_spec& spec) const {
    auto req = request_template;
    req.target(spec.target);
    if (spec.method == "GET") return req;
    const auto verb = http::string_to_verb(spec.method);
    if (verb == http::verb::unknown) return std::nullopt;
    req.method(verb);
    if (!spec.content_type.empty()) req.set(http::field::content_type, spec.content_type);
    req.body() = spec.body;
    req.prepare_payload();
    return req;
  }

  template <class Stream>
  asio::awaitable<attempt_result> exchange(Stream& stream, connection& c, const http::request<http::string_body>& req,
                                           attempt_state& state, bool& header_seen, beast::error_code& io_error) {
    if (!state.begin_write()) co_return failure(outcome::timeout, "timed out before sending");
    auto [wec, written] = co_await http::async_write(stream, req, use_tuple);
    (void)written;
    if (wec) {
      io_error = wec;
      co_return failure(outcome::io_failed, "writing the request failed: " + wec.message());
    }
    ++requests;
    http::response_parser<http::string_body> parser;
    parser.body_limit(max_body);
    parser.header_limit(64 * 1024);
    auto [rec, read] = co_await http::async_read(stream, c.buffer, parser, use_tuple);
    (void)read;
    header_seen = parser.is_header_done();
    if (rec) {
      io_error = rec;
      if (rec == http::error::body_limit) {
        co_return failure(outcome::too_large, "response body larger than " + std::to_string(max_body) + " bytes");
      }
      if (rec == http::error::header_limit) co_return failure(outcome::too_large, "response headers too large");
      co_return failure(outcome::io_failed, read_error_text(rec, header_seen));
    }
    attempt_result out;
    out.kind = outcome::response;
    auto& msg = parser.get();
    out.response.status = static_cast<int>(msg.result_int());
    for (const auto& field : msg) out.response.headers.emplace_back(std::string{field.name_string()}, std::string{field.value()});
    out.response.body = std::move(msg.body());
    if (!msg.keep_alive()) io_error = http::error::end_of_stream;  // not reusable
    co_return out;
  }

  asio::awaitable<attempt_result> attempt(request_spec spec, steady::time_point deadline,
                                          std::shared_ptr<attempt_state> state) {
    const auto req = build(spec);
    if (!req) co_return failure(outcome::io_failed, "unsupported HTTP method");
    for (int pass = 0; pass < (spec.fresh_connection ? 1 : 2); ++pass) {
      if (cancelled) co_return failure(outcome::cancelled, "cancelled");
      if (steady::now() >= deadline) co_return failure(outcome::timeout, "timed out before sending");
      std::unique_ptr<connection> conn = (pass == 0 && !spec.fresh_connection) ? take_idle() : nullptr;
      const bool reused = conn != nullptr;
      if (!conn) {
        auto opened_result = co_await open(conn, deadline);
        if (!conn) co_return opened_result;
      }
      if (cancelled) co_return failure(outcome::cancelled, "cancelled");
      if (steady::now() >= deadline) {
        conn->close();
        co_return failure(outcome::timeout, "timed out before sending");
      }
      active.insert(conn.get());
      conn->lowest().expires_at(deadline);
      bool header_seen = false;
      beast::error_code io_error;
      // Not a conditional expression: GCC 12 miscompiles co_await inside ?: (double destruction).
      attempt_result result;
      if (conn->secure) {
        result = co_await exchange(*conn->secure, *conn, *req, *state, header_seen, io_error);
      } else {
        result = co_await exchange(*conn->plain, *conn, *req, *state, header_seen, io_error);
      }
      active.erase(conn.get());
      if (cancelled) co_return failure(outcome::cancelled, "cancelled");
      if (is_timeout(io_error)) {
        conn->close();
        co_return failure(outcome::timeout, header_seen ? "timed out reading the response body" : "timed out waiting for the response");
      }
      if (result.kind == outcome::response) {
        if (!io_error) {
          conn->lowest().expires_never();
          give_back(std::move(conn));
        } else {
          conn->close();
        }
        co_return result;
      }
      conn->close();
      // A GET on a pooled connection the server had closed: once more on a fresh one (sends
      // never come here twice, see request_spec::fresh_connection).
      if (reused && !header_seen && stale_connection_error(io_error)) continue;
      co_return result;
    }
    co_return failure(outcome::io_failed, "connection closed before a response");
  }
};

transport::transport(base_url base, const client_options& options)
    : impl_(std::make_unique<impl>(std::move(base), options)) {
  impl_->start();
}

transport::~transport() { impl_->stop(); }

attempt_result transport::get(const std::string& target, steady::time_point deadline) {
  request_spec spec;
  spec.target = target;
  return request(std::move(spec), deadline);
}

attempt_result transport::request(request_spec spec, steady::time_point deadline) {
  if (impl_->cancelled) return failure(outcome::cancelled, "cancelled");
  auto promise = std::make_shared<std::promise<attempt_result>>();
  auto done = promise->get_future();
  auto state = std::make_shared<attempt_state>();
  asio::co_spawn(impl_->ioc, impl_->attempt(std::move(spec), deadline, state),
                 [promise, state](std::exception_ptr error, attempt_result r) {
                   if (error) {
                     try {
                       std::rethrow_exception(error);
                     } catch (const std::exception& e) {
                       r = failure(outcome::io_failed, std::string{"internal error: "} + e.what());
                     } catch (...) {
                       r = failure(outcome::io_failed, "internal error");
                     }
                   }
                   r.request_started = state->started();
                   promise->set_value(std::move(r));
                 });
  // Every step has its own deadline; the grace covers a resolver that ignores cancellation
  // (getaddrinfo runs to completion): the attempt then finishes in the background, and cannot
  // start writing once abandoned.
  if (done.wait_until(deadline + std::chrono::milliseconds{500}) != std::future_status::ready) {
    if (state->abandon_before_write()) return failure(outcome::timeout, "timed out resolving " + impl_->base.host);
    auto r = failure(outcome::timeout, "timed out waiting for the response");
    r.request_started = true;
    return r;
  }
  return done.get();
}

void transport::cancel() {
  impl_->cancelled = true;
  asio::post(impl_->ioc, [self = impl_.get()] { self->close_all(); });
}

std::uint64_t transport::requests() const noexcept { return impl_->requests.load(); }
std::uint64_t transport::connections_opened() const noexcept { return impl_->opened.load(); }

}  // namespace gd::net::detail
