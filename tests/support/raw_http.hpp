#pragma once
// A deliberately low-level HTTP/1.1 client over a POSIX socket, so tests control every byte:
// keep-alive on one connection, partial requests from a slow client, malformed input.
#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace gd::test {

struct raw_response {
  int status = 0;
  std::map<std::string, std::string> headers;   // lower-cased names
  std::string body;
};

class raw_connection {
 public:
  explicit raw_connection(int port);
  ~raw_connection();
  raw_connection(const raw_connection&) = delete;
  raw_connection& operator=(const raw_connection&) = delete;

  bool connected() const noexcept { return fd_ >= 0; }
  bool send(const std::string& bytes);
  // Reads one response (Content-Length framed); nullopt on close/timeout/garbage.
  std::optional<raw_response> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True when the peer closed the connection within timeout (reads return 0).
  bool closed_by_peer(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  std::string buffer_;
};

std::optional<raw_response> http_request(int port, const std::string& method, const std::string& target,
                                         const std::string& body = "",
                                         const std::map<std::string, std::string>& headers = {});
inline std::optional<raw_response> http_get(int port, const std::string& target,
                                            const std::map<std::string, std::string>& headers = {}) {
  return http_request(port, "GET", target, "", headers);
}

}  // namespace gd::test
