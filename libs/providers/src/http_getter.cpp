#include <gd/providers/http_getter.hpp>

#include <algorithm>
#include <cctype>

namespace gd::providers {

std::optional<std::string_view> http_response::header(std::string_view name) const {
  const auto same = [&](const std::string& k) {
    return k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
  };
  for (const auto& [k, v] : headers) {
    if (same(k)) return std::string_view{v};
  }
  return std::nullopt;
}

gd::result<http_response> http_getter::send(std::string_view method, std::string_view path_and_query, std::string,
                                            std::string_view) {
  const auto path = path_and_query.substr(0, path_and_query.find('?'));
  return gd::error{std::string{transport_errors::not_sent},
                   std::string{method} + " " + std::string{path} + ": this transport is read-only (nothing was sent)"};
}

std::string url_encode(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace gd::providers
