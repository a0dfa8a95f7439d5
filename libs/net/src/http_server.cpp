#include <gd/net/http_server.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

namespace gd::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

std::string make_request_id(std::uint64_t sequence) {
  static const std::uint32_t boot = std::random_device{}();
  char buf[24];
  std::snprintf(buf, sizeof buf, "%08x%08llx", boot, static_cast<unsigned long long>(sequence));
  return buf;
}

bool acceptable_client_request_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

http_response error_response(int status, std::string_view code, std::string_view message) {
  http_response r;
  r.status = status;
  r.body = std::string(R"({"error":{"code":")") + std::string(code) + R"(","message":")" + std::string(message) +
           R"("}})";
  return r;
}

}  // namespace

struct http_server::impl {
  struct session_state {
    tcp::socket* socket = nullptr;
    bool busy = false;
  };

  server_options options;
  http_handler& handler;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<std::uint64_t> request_seq{0};
  std::atomic<std::size_t> connections{0};

  std::mutex mu;                        // guards stopping, sessions
  bool stopping = false;
  std::uint64_t next_session = 0;
  std::unordered_map<std::uint64_t, session_state> sessions;
  std::condition_variable drained;
  std::once_flag stop_once;
  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;

  impl(server_options o, http_handler& h)
      : options(std::move(o)), handler(h), ioc(options.io_threads), workers(options.worker_threads), acceptor(ioc) {}

  asio::awaitable<void> listen() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), use_tuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
        spdlog::warn("http: accept failed: {}", ec.message());
        continue;
      }
      if (connections.load() >= options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);   // shed load rather than queue without bound
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, session(std::move(socket)), [](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::error("http: session ended by exception: {}", ex.what());
        }
      });
    }
  }

  http_request make_request(http::request<http::string_body>& msg, const std::string& remote) {
    http_request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = std::string(field.value());
    }
    req.body = std::move(msg.body());
    req.remote_address = remote;
    req.remote_is_loopback = is_loopback_address(remote);
    const auto client_id = req.header("x-request-id");
    req.request_id = client_id && acceptable_client_request_id(*client_id) ? *client_id
                                                                           : make_request_id(++request_seq);
    return req;
  }

  // Serves one connection until it closes, errs, times out or the server stops.
  asio::awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    std::string remote;
    {
      beast::error_code ec;
      const auto ep = stream.socket().remote_endpoint(ec);
      remote = ec ? std::string("unknown") : ep.address().to_string();
    }
    std::uint64_t id = 0;
    {
      std::lock_guard lock(mu);
      if (stopping) co_return;
      id = next_session++;
      sessions[id] = session_state{&stream.socket(), false};
    }
    ++connections;
    beast::flat_buffer buffer;

    for (;;) {
      {
        std::lock_guard lock(mu);
        if (stopping) break;
        sessions[id].busy = false;
      }
      http::request_parser<http::string_body> parser;
      parser.body_limit(options.body_limit);
      parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      stream.expires_after(options.read_timeout);
      auto [ec, bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
      {
        std::lock_guard lock(mu);
        sessions[id].busy = true;
      }
      const auto started = std::chrono::steady_clock::now();

      if (ec) {
        int status = 0;
        std::string_view code, message;
        if (ec == http::error::body_limit) {
          status = 413, code = "payload_too_large", message = "request body exceeds the limit";
        } else if (ec == http::error::header_limit) {
          status = 431, code = "headers_too_large", message = "request headers exceed the limit";
        } else if (ec != http::error::end_of_stream && ec != beast::error::timeout &&
                   ec != asio::error::operation_aborted && ec != asio::error::connection_reset &&
                   ec != asio::error::eof && parser.got_some()) {
          status = 400, code = "bad_request", message = "malformed HTTP request";
        }
        if (status != 0) {
          http_request req;
          req.method = parser.is_header_done() ? std::string(parser.get().method_string()) : "";
          req.target = parser.is_header_done() ? std::string(parser.get().target()) : "";
          req.remote_address = remote;
          req.request_id = make_request_id(++request_seq);
          auto resp = error_response(status, code, message);
          co_await write(stream, req, resp, 11, false, started);
        }
        break;
      }

      auto& msg = parser.get();
      const unsigned version = msg.version();
      bool keep_alive = msg.keep_alive();
      http_request req = make_request(msg, remote);
      http_response resp;
      if (!parse_target(req.target, req.path, req.query)) {
        resp = error_response(400, "bad_request", "malformed request target");
      } else {
        resp = co_await dispatch(req);
      }
      {
        std::lock_guard lock(mu);
        if (stopping) keep_alive = false;
      }
      if (!co_await write(stream, req, resp, version, keep_alive, started) || !keep_alive) break;
    }

    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
    {
      std::lock_guard lock(mu);
      sessions.erase(id);
    }
    --connections;
    drained.notify_all();
  }

  asio::awaitable<http_response> dispatch(const http_request& req) {
    try {
      if (handler.runs_inline(req)) co_return handler.handle(req);
      co_return co_await asio::co_spawn(
          workers.get_executor(), [&]() -> asio::awaitable<http_response> { co_return handler.handle(req); },
          asio::use_awaitable);
    } catch (const std::exception& e) {
      spdlog::error("http: req={} handler threw: {}", req.request_id, e.what());
    }
    co_return error_response(500, "internal", "internal error; see the server log for request " + req.request_id);
  }

  asio::awaitable<bool> write(beast::tcp_stream& stream, const http_request& req, const http_response& resp,
                              unsigned version, bool keep_alive, std::chrono::steady_clock::time_point started) {
    http::response<http::string_body> res{static_cast<http::status>(resp.status), version};
    res.set(http::field::server, "gammadesk");
    res.set(http::field::content_type, resp.content_type);
    res.set("X-Request-Id", req.request_id);
    for (const auto& [name, value] : resp.headers) res.set(name, value);
    res.body() = resp.body;
    res.keep_alive(keep_alive);
    res.prepare_payload();
    stream.expires_after(options.write_timeout);
    auto [ec, n] = co_await http::async_write(stream, res, use_tuple);
    handler.on_complete(req, resp, std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::steady_clock::now() - started));
    co_return !ec;
  }

  void close_idle_sessions() {
    std::lock_guard lock(mu);
    for (auto& [sid, st] : sessions) {
      if (st.busy) continue;
      tcp::socket* s = st.socket;
      asio::post(s->get_executor(), [s] {
        beast::error_code ignored;
        s->cancel(ignored);
      });
    }
  }
};

http_server::http_server(server_options options, http_handler& handler)
    : impl_(std::make_unique<impl>(std::move(options), handler)) {}

http_server::~http_server() {
  stop();
  wait();
}

void http_server::start() {
  auto& d = *impl_;
  beast::error_code ec;
  const auto address = asio::ip::make_address(d.options.address, ec);
  if (ec) throw std::runtime_error("invalid listen address '" + d.options.address + "'");
  const tcp::endpoint endpoint{address, d.options.port};
  d.acceptor.open(endpoint.protocol(), ec);
  if (!ec) d.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) d.acceptor.bind(endpoint, ec);
  if (!ec) d.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + d.options.address + ":" + std::to_string(d.options.port) + ": " +
                             ec.message());
  }
  asio::co_spawn(d.ioc, d.listen(), asio::detached);
  for (int i = 0; i < d.options.io_threads; ++i) d.threads.emplace_back([&d] { d.ioc.run(); });
}

std::uint16_t http_server::port() const noexcept {
  beast::error_code ec;
  const auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

std::size_t http_server::open_connections() const noexcept { return impl_->connections.load(); }

void http_server::stop() {
  auto& d = *impl_;
  std::call_once(d.stop_once, [&d] {
    {
      std::lock_guard lock(d.mu);
      d.stopping = true;
    }
    asio::post(d.acceptor.get_executor(), [&d] {
      beast::error_code ignored;
      d.acceptor.close(ignored);
    });
    d.close_idle_sessions();
    {
      std::unique_lock lock(d.mu);
      d.drained.wait_for(lock, d.options.shutdown_grace, [&d] { return d.sessions.empty(); });
    }
    d.ioc.stop();
    d.workers.stop();
    for (auto& t : d.threads) {
      if (t.joinable()) t.join();
    }
    d.workers.join();
    {
      std::lock_guard lock(d.done_mu);
      d.done = true;
    }
    d.done_cv.notify_all();
  });
}

void http_server::wait() {
  std::unique_lock lock(impl_->done_mu);
  impl_->done_cv.wait(lock, [this] { return impl_->done; });
}

}  // namespace gd::net
