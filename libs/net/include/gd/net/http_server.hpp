#pragma once
// An HTTP/1.1 server on Boost.Beast and C++20 coroutines: keep-alive, a deadline on every read
// and write, body and header limits, a request id per request, graceful shutdown.
// Quick handlers run on the I/O threads; everything else (database, heavy math) runs on a
// bounded worker pool so an I/O thread never blocks.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <gd/net/http_message.hpp>

namespace gd::net {

struct server_options {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8000;               // 0 picks a free port (see http_server::port)
  int io_threads = 2;
  int worker_threads = 8;                   // blocking handlers; sized with the database pool
  std::size_t body_limit = 1 << 20;         // 413 above this
  std::size_t header_limit = 16 * 1024;     // 431 above this
  std::chrono::milliseconds read_timeout{30'000};   // to receive one whole request (incl. keep-alive idle)
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{8'000};  // in-flight requests get this long on stop()
  std::size_t max_connections = 2048;
};

class http_handler {
 public:
  virtual ~http_handler() = default;
  // True when handle() is quick and never blocks: it then runs on the I/O thread.
  virtual bool runs_inline(const http_request& request) const = 0;
  // Never throws: failures are responses (the server still guards with a 500).
  virtual http_response handle(const http_request& request) = 0;
  // After every response, including ones the server made itself (400/413/431/500).
  virtual void on_complete(const http_request& request, const http_response& response,
                           std::chrono::microseconds elapsed) = 0;
};

class http_server {
 public:
  http_server(server_options options, http_handler& handler);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  void start();                         // binds and listens; throws std::runtime_error when it cannot
  std::uint16_t port() const noexcept;  // the bound port
  // Stops accepting, lets in-flight requests finish (up to shutdown_grace), closes idle
  // connections, then stops the threads. Safe to call from any thread, once or more.
  void stop();
  void wait();                          // blocks until the server has stopped
  std::size_t open_connections() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace gd::net
