// Replays recorded Tradier-format payloads from a directory, and records them.
#include <gd/providers/replay_market_data.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gd/core/ny_time.hpp>
#include <gd/providers/tradier_format.hpp>
#include <gd/providers/tradier_parse.hpp>

namespace gd::providers {

namespace fs = std::filesystem;

namespace {

gd::error io_error(const std::string& what) { return gd::error{std::string{error_codes::io}, "replay: " + what}; }

gd::result<std::string> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return gd::error{std::string{error_codes::no_data}, "replay: no recording at " + path.string()};
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

gd::result<nlohmann::json> read_json(const fs::path& path, std::string_view endpoint) {
  auto bytes = read_bytes(path);
  if (!bytes) return bytes.err();
  auto doc = parse_vendor_json(bytes.value(), endpoint);
  if (!doc) return gd::error{doc.err().code, "replay " + path.string() + ": " + doc.err().message};
  return doc;
}

gd::result<gd::ok_t> write_json(const fs::path& path, const nlohmann::json& doc) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return io_error("cannot create " + path.parent_path().string() + ": " + ec.message());
  // Write then rename, so a reader never sees half a file.
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!out) return io_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path, ec);
  if (ec) return io_error("cannot rename " + tmp.string() + ": " + ec.message());
  return gd::ok_v;
}

}  // namespace

replay_market_data::replay_market_data(std::string dir, const gd::clock& clock) : dir_(std::move(dir)), clock_(clock) {}

std::string replay_market_data::folder(const std::string& symbol) const {
  // Symbols name folders: refuse anything that could walk out of the directory.
  std::string safe;
  for (const char c : symbol) safe.push_back((std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_');
  return (fs::path{dir_} / safe).string();
}

gd::result<std::vector<date::year_month_day>> replay_market_data::expirations(const std::string& symbol) {
  const fs::path base{folder(symbol)};
  if (fs::exists(base / "expirations.json")) {
    auto doc = read_json(base / "expirations.json", tradier_expirations_endpoint);
    if (!doc) return doc.err();
    auto dates = parse_tradier_expirations(doc.value());
    if (!dates) return gd::error{dates.err().code, "replay: " + dates.err().message};
    return dates;
  }
  std::vector<date::year_month_day> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base / "chains", ec)) {
    date::year_month_day d{};
    if (entry.path().extension() == ".json" && gd::parse_date(entry.path().stem().string(), d)) out.push_back(d);
  }
  if (out.empty()) return gd::error{std::string{error_codes::no_data}, "replay: no recordings for " + symbol + " in " + dir_};
  std::sort(out.begin(), out.end());
  return out;
}

gd::result<chain_payload> replay_market_data::chain(const std::string& symbol, date::year_month_day expiration) {
  const auto path = fs::path{folder(symbol)} / "chains" / (gd::format_date(expiration) + ".json");
  auto bytes = read_bytes(path);
  if (!bytes) return bytes.err();
  tradier_chain_options options;
  options.underlying = symbol;
  options.provider = "replay";
  options.fetched_at = clock_.now();
  auto read = read_tradier_chain(bytes.value(), options);
  if (!read) {
    // Unreadable JSON names the file; a wrong shape names the endpoint, as a live response would.
    if (auto doc = parse_vendor_json(bytes.value(), tradier_chains_endpoint); !doc) {
      return gd::error{doc.err().code, "replay " + path.string() + ": " + doc.err().message};
    }
    return gd::error{read.err().code, "replay: " + read.err().message};
  }
  if (read->chain.rows.empty()) {
    return gd::error{std::string{error_codes::no_data},
                     "replay: the recording for " + symbol + " " + gd::format_date(expiration) + " is empty"};
  }
  if (auto q = quotes({symbol}); q && !q->empty()) read->chain.spot = q->front().last;
  return chain_payload{std::move(read->canonical), std::move(read->chain)};
}

gd::result<std::vector<underlying_quote>> replay_market_data::quotes(const std::vector<std::string>& symbols) {
  std::vector<underlying_quote> out;
  for (const auto& s : symbols) {
    const fs::path path = fs::path{folder(s)} / "quotes.json";
    if (!fs::exists(path)) continue;
    auto doc = read_json(path, tradier_quotes_endpoint);
    if (!doc) return doc.err();
    auto parsed = parse_tradier_quotes(doc.value());
    if (!parsed) return gd::error{parsed.err().code, "replay: " + parsed.err().message};
    for (auto& q : parsed->quotes) {
      if (q.symbol == s) out.push_back(std::move(q));
    }
  }
  if (out.empty() && !symbols.empty()) {
    return gd::error{std::string{error_codes::no_data}, "replay: no recorded quotes for the requested symbols"};
  }
  return out;
}

gd::result<gd::ok_t> record_replay(market_data& source, const std::string& dir, const std::string& symbol,
                                   date::year_month_day today, int max_dte) {
  const fs::path base = fs::path{dir} / symbol;
  auto dates = source.expirations(symbol);
  if (!dates) return dates.err();
  const auto window = expirations_within(dates.value(), today, max_dte);
  if (auto w = write_json(base / "expirations.json", to_tradier_expirations_json(window)); !w) return w.err();
  for (const auto& e : window) {
    auto part = source.chain(symbol, e);
    if (!part) {
      if (part.err().code == error_codes::no_data) continue;
      return part.err();
    }
    // Tradier-shaped raws (tradier, simulated, replay) are kept verbatim; others are converted.
    const auto raw = nlohmann::json::parse(part->raw_json, nullptr, false);
    const bool tradier_shaped = raw.is_object() && raw.contains("options");
    const auto& doc = tradier_shaped ? raw : to_tradier_chain_json(part->chain);
    if (auto w = write_json(base / "chains" / (gd::format_date(e) + ".json"), doc); !w) return w.err();
  }
  if (auto q = source.quotes({symbol}); q) {
    if (auto w = write_json(base / "quotes.json", to_tradier_quotes_json(q.value())); !w) return w.err();
  }
  return gd::ok_v;
}

}  // namespace gd::providers
