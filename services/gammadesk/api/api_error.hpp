#pragma once
// Errors a handler reports to the client: thrown from handlers, turned into
// {"error":{"code","message"}} with the status by the API layer. Nothing else leaks out.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include <gd/net/http_message.hpp>

namespace gd::api {

class api_error : public std::runtime_error {
 public:
  api_error(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }

 private:
  int status_;
  std::string code_;
};

inline api_error bad_request(const std::string& message) { return api_error(400, "bad_request", message); }
inline api_error not_found(const std::string& message) { return api_error(404, "not_found", message); }

net::http_response json_response(int status, const nlohmann::json& body);
net::http_response error_response(int status, const std::string& code, const std::string& message);

}  // namespace gd::api
