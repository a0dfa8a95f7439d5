#pragma once
// Shared by the client-against-fake tests: a fake Tradier with the recorded fixtures, client
// options tuned for fast tests, and a log capture to prove the token never reaches the logs.
#include <chrono>
#include <memory>
#include <sstream>
#include <string>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <gd/net/http_client.hpp>

#include "fake_tradier.hpp"

namespace gd::test {

inline constexpr const char* secret_token = "SECRET-sandbox-token-7Hq2";

inline gd::fakes::fake_tradier_options fake_options() {
  gd::fakes::fake_tradier_options o;
  o.token = secret_token;
  return o;
}

inline gd::net::client_options fast_client_options(const std::string& base_url) {
  gd::net::client_options o;
  o.base_url = base_url;
  o.bearer_token = secret_token;
  o.log_name = "tradier";
  o.deadline = std::chrono::milliseconds{1'500};
  o.total_budget = std::chrono::milliseconds{8'000};
  o.backoff_base = std::chrono::milliseconds{10};
  o.backoff_cap = std::chrono::milliseconds{40};
  o.max_rate_limit_wait = std::chrono::milliseconds{2'000};
  return o;
}

// Routes spdlog's default logger into a string for the lifetime of the object.
class log_capture {
 public:
  log_capture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  }
  ~log_capture() {
    spdlog::set_default_logger(previous_);
    spdlog::drop("capture");  // the registry would otherwise keep a sink writing into out_
  }
  log_capture(const log_capture&) = delete;
  log_capture& operator=(const log_capture&) = delete;
  std::string text() const { return out_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream out_;
};

}  // namespace gd::test
