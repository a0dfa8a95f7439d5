#pragma once
// result<T>: a value or an error, for expected failures at I/O edges (vendor faults, bad input,
// database outages). Exceptions stay for broken invariants and start-up failures.
#include <string>
#include <utility>
#include <variant>

namespace gd {

struct error {
  std::string code;     // stable, machine-readable: "vendor_timeout", "bad_request", ...
  std::string message;  // one human line, never containing secrets
};

template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  result(error err) : v_(std::move(err)) {}            // NOLINT: implicit by design

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const error& err() const& { return std::get<1>(v_); }

 private:
  std::variant<T, error> v_;
};

struct ok_t {};
inline constexpr ok_t ok_v{};

}  // namespace gd
