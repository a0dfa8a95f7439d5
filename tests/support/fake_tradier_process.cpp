#include "fake_tradier_process.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <gd/net/http_client.hpp>

namespace gd::test {

namespace {

std::string read_line(int fd, std::chrono::milliseconds timeout) {
  std::string out;
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char c = 0;
    if (::read(fd, &c, 1) != 1 || c == '\n') break;
    out.push_back(c);
  }
  return out;
}

}  // namespace

fake_tradier_process::fake_tradier_process(std::vector<std::string> args) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  args.insert(args.begin(), {"--port", "0"});
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    std::string bin = std::string(GD_BIN_DIR) + "/fake_tradier";
    std::vector<char*> argv{bin.data()};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  const auto line = read_line(fds[0], std::chrono::seconds(10));
  ::close(fds[0]);
  const std::string marker = "http://127.0.0.1:";
  const auto at = line.find(marker);
  if (at == std::string::npos) throw std::runtime_error("fake_tradier did not start: '" + line + "'");
  port_ = std::stoi(line.substr(at + marker.size()));
  base_url_ = marker + std::to_string(port_) + "/v1";
}

fake_tradier_process::~fake_tradier_process() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

namespace {
// The fake answers chunked JSON, as Tradier does: use the project's client to read it.
gd::net::http_client& client_for(int port) {
  static std::mutex mu;
  static std::map<int, std::unique_ptr<gd::net::http_client>> clients;
  std::lock_guard lock(mu);
  auto& c = clients[port];
  if (!c) {
    gd::net::client_options o;
    o.base_url = "http://127.0.0.1:" + std::to_string(port);
    o.max_attempts = 1;
    c = std::make_unique<gd::net::http_client>(o);
  }
  return *c;
}
}  // namespace

nlohmann::json fake_tradier_process::control(const std::string& path, const nlohmann::json& body) {
  const auto r = client_for(port_).send("POST", path, body.dump(), "application/json");
  if (!r || r->status != 200) {
    throw std::runtime_error("fake_tradier " + path + " failed: " + (r ? r->body : r.err().message));
  }
  return nlohmann::json::parse(r->body);
}

nlohmann::json fake_tradier_process::account() {
  const auto r = client_for(port_).get("/__fake/account/orders");
  if (!r || r->status != 200) throw std::runtime_error("fake_tradier account state failed");
  return nlohmann::json::parse(r->body);
}

}  // namespace gd::test
