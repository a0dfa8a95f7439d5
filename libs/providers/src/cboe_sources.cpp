// Where CBOE bytes come from: files, memory, or the CBOE CDN through an HTTP transport.
#include <gd/providers/cboe_market_data.hpp>

#include <array>
#include <fstream>
#include <sstream>

#include "json_fields.hpp"

namespace gd::providers {

namespace {

class file_source final : public cboe_source {
 public:
  explicit file_source(std::string path_template) : template_(std::move(path_template)) {}

  gd::result<std::string> fetch(const std::string& symbol) override {
    std::string path = template_;
    if (const auto at = path.find("{symbol}"); at != std::string::npos) path.replace(at, 8, symbol);
    std::ifstream in(path, std::ios::binary);
    if (!in) return gd::error{std::string{error_codes::io}, "cboe file source: cannot open " + path};
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) return gd::error{std::string{error_codes::io}, "cboe file source: read failed for " + path};
    return bytes.str();
  }

 private:
  std::string template_;
};

class bytes_source final : public cboe_source {
 public:
  explicit bytes_source(std::string bytes) : bytes_(std::move(bytes)) {}
  gd::result<std::string> fetch(const std::string&) override { return bytes_; }

 private:
  std::string bytes_;
};

class http_source final : public cboe_source {
 public:
  explicit http_source(std::shared_ptr<http_getter> transport) : transport_(std::move(transport)) {}

  gd::result<std::string> fetch(const std::string& symbol) override {
    const std::string path = cboe_cdn_path(symbol);
    if (!transport_) return gd::error{std::string{error_codes::unavailable}, "cboe " + path + ": no HTTP transport"};
    auto response = transport_->get(path);
    if (!response) return gd::error{response.err().code, "cboe " + path + ": " + response.err().message};
    const int s = response->status;
    if (s == 200) return std::move(response->body);
    // The CDN answers 403 (S3 style) for symbols it has no file for.
    const bool missing = s == 403 || s == 404;
    return gd::error{std::string{missing ? error_codes::no_data : error_codes::unavailable},
                     "cboe " + path + ": HTTP " + std::to_string(s) + (missing ? " (no such symbol)" : "")};
  }

 private:
  std::shared_ptr<http_getter> transport_;
};

}  // namespace

std::string cboe_cdn_path(std::string_view symbol) {
  // Cash-settled index options live under an underscore-prefixed name (_SPX.json).
  static constexpr std::array<std::string_view, 9> indices{"SPX", "NDX", "RUT", "VIX", "XSP", "DJX", "OEX", "XEO", "MRUT"};
  const std::string plain = cboe_plain_symbol(symbol);
  bool index = false;
  for (const auto i : indices) index = index || i == plain;
  return "/api/global/delayed_quotes/options/" + std::string{index ? "_" : ""} + url_encode(plain) + ".json";
}

std::shared_ptr<cboe_source> make_cboe_file_source(std::string path_template) {
  return std::make_shared<file_source>(std::move(path_template));
}
std::shared_ptr<cboe_source> make_cboe_bytes_source(std::string bytes) {
  return std::make_shared<bytes_source>(std::move(bytes));
}
std::shared_ptr<cboe_source> make_cboe_http_source(std::shared_ptr<http_getter> transport) {
  return std::make_shared<http_source>(std::move(transport));
}

}  // namespace gd::providers
