#pragma once
// Starts the built gammadesk binary as a child process on a free loopback port, with a given
// environment, and stops it with a signal; its output goes to a log file tests can read.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gd::test {

class service_process {
 public:
  // env entries are added to a minimal environment (PATH, HOME); HOST/PORT are set here.
  explicit service_process(std::map<std::string, std::string> env, std::vector<std::string> args = {});
  ~service_process();
  service_process(const service_process&) = delete;
  service_process& operator=(const service_process&) = delete;

  int port() const noexcept { return port_; }
  // Waits until GET /health answers 200 (or the process exits); false on timeout/exit.
  bool wait_healthy(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Sends sig and waits for the exit code; nullopt when it did not exit within timeout.
  std::optional<int> stop(int sig, std::chrono::milliseconds timeout = std::chrono::seconds(15));
  std::string log() const;
  bool running();

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// Runs build/bin/gammadesk with args and env to completion; returns the exit code and the output.
int run_gammadesk(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                  std::string* output);

}  // namespace gd::test
