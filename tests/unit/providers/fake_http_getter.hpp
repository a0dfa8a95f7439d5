#pragma once
// A scripted transport: responses keyed by exact path+query, every request recorded.
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <gd/providers/http_getter.hpp>

namespace gd::test {

class fake_http_getter final : public gd::providers::http_getter {
 public:
  void on(const std::string& path_and_query, gd::providers::http_response response) {
    routes_[path_and_query] = std::move(response);
  }
  void fail_with(gd::error e) { failure_ = std::move(e); }

  // Thread-safe: providers may fetch several expirations at once.
  gd::result<gd::providers::http_response> get(std::string_view path_and_query) override {
    std::lock_guard lock(mu_);
    requests.emplace_back(path_and_query);
    if (!failure_.code.empty()) return failure_;
    const auto it = routes_.find(std::string{path_and_query});
    if (it == routes_.end()) return gd::providers::http_response{404, {}, "Not Found"};
    return it->second;
  }

  std::vector<std::string> requests;

 private:
  std::mutex mu_;
  std::map<std::string, gd::providers::http_response> routes_;
  gd::error failure_;
};

inline gd::providers::http_response ok_json(std::string body) {
  return gd::providers::http_response{200, {{"Content-Type", "application/json;charset=UTF-8"}}, std::move(body)};
}

}  // namespace gd::test
