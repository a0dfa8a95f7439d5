#pragma once
// build/bin/fake_tradier as a child process (it must outlive the service processes a test
// kills), with its paper account scripted over HTTP (/__fake/account/*, fake_tradier_account.hpp).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gd::test {

class fake_tradier_process {
 public:
  // Arguments as fake_tradier takes them, e.g. {"--account", "VA1", "--fill", "immediate"}; the
  // port is chosen by the fake (--port 0). Throws when it does not start within 10 s.
  explicit fake_tradier_process(std::vector<std::string> args);
  ~fake_tradier_process();
  fake_tradier_process(const fake_tradier_process&) = delete;
  fake_tradier_process& operator=(const fake_tradier_process&) = delete;

  const std::string& base_url() const noexcept { return base_url_; }   // "http://127.0.0.1:N/v1"
  int port() const noexcept { return port_; }
  // POST a JSON body to one of the fake's control routes ("/__fake/account/script"); its answer.
  nlohmann::json control(const std::string& path, const nlohmann::json& body = nlohmann::json::object());
  // GET /__fake/account/orders: orders, posts, posts_by_tag, orders_by_tag, positions.
  nlohmann::json account();

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string base_url_;
};

}  // namespace gd::test
