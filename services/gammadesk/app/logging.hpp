#pragma once
// spdlog set-up: text or JSON lines (LOG_FORMAT), and the request id of the request a worker
// thread is serving, added to every line logged while it serves it.
#include <string>

namespace gd::app {

void setup_logging(const std::string& level, const std::string& format);

// RAII: tags log lines from this thread with a request id until destroyed.
class request_log_scope {
 public:
  explicit request_log_scope(const std::string& request_id);
  ~request_log_scope();
  request_log_scope(const request_log_scope&) = delete;
  request_log_scope& operator=(const request_log_scope&) = delete;

 private:
  std::string previous_;
};

const std::string& current_request_id();

}  // namespace gd::app
