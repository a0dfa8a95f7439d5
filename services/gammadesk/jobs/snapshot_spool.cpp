#include "jobs/snapshot_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <gd/core/ny_time.hpp>

namespace gd::jobs {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double number_of(const json& v) { return v.is_number() ? v.get<double>() : gd::nan_v; }
long long micros(gd::sys_time t) { return t.time_since_epoch().count(); }
gd::sys_time instant(long long us) { return gd::sys_time{std::chrono::microseconds{us}}; }

void write_durably(const fs::path& path, const std::string& bytes) {
  const fs::path tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create spool file " + tmp.string());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw std::runtime_error("cannot write spool file " + tmp.string());
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot fsync spool file " + tmp.string());
  }
  ::close(fd);
  fs::rename(tmp, path);
  const int dfd = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);   // make the rename itself durable
    ::close(dfd);
  }
}

}  // namespace

std::string serialize_spooled(const store::snapshot_to_store& s) {
  json rows = json::array();
  for (const auto& r : s.rows) {
    const auto& k = r.contract;
    const auto& q = r.quote;
    rows.push_back(json::array({k.occ_symbol, k.root, k.underlying, gd::format_date(k.expiration), k.strike,
                                std::string(1, static_cast<char>(k.right)),
                                k.settlement == gd::settlement_style::am ? "AM" : "PM", k.multiplier,
                                number_or_null(q.bid), number_or_null(q.ask), number_or_null(q.last), q.bid_size,
                                q.ask_size, q.volume, q.open_interest, micros(q.quote_time),
                                number_or_null(q.greeks.iv), number_or_null(q.greeks.delta),
                                number_or_null(q.greeks.gamma), number_or_null(q.greeks.theta),
                                number_or_null(q.greeks.vega), number_or_null(q.greeks.rho),
                                micros(q.greeks.updated_at)}));
  }
  json doc{{"version", 1},
           {"snapshot_key", s.snapshot_key},
           {"ts_us", micros(s.ts)},
           {"underlying", s.underlying},
           {"kind", s.kind},
           {"target_dte", s.target_dte ? json(*s.target_dte) : json(nullptr)},
           {"expiration", s.expiration ? json(gd::format_date(*s.expiration)) : json(nullptr)},
           {"actual_dte_days", s.actual_dte_days ? json(*s.actual_dte_days) : json(nullptr)},
           {"provider", s.provider},
           {"spot", number_or_null(s.spot)},
           {"as_of_us", micros(s.as_of)},
           {"payload_text", s.payload_text},
           {"checksum", s.checksum},
           {"rows", std::move(rows)}};
  return doc.dump();
}

store::snapshot_to_store deserialize_spooled(const std::string& text) {
  const json doc = json::parse(text);
  if (doc.at("version").get<int>() != 1) throw std::runtime_error("unknown spool file version");
  store::snapshot_to_store s;
  s.snapshot_key = doc.at("snapshot_key").get<std::string>();
  s.ts = instant(doc.at("ts_us").get<long long>());
  s.underlying = doc.at("underlying").get<std::string>();
  s.kind = doc.at("kind").get<std::string>();
  if (!doc.at("target_dte").is_null()) s.target_dte = doc["target_dte"].get<int>();
  if (!doc.at("expiration").is_null()) {
    date::year_month_day d{};
    if (!gd::parse_date(doc["expiration"].get<std::string>(), d)) throw std::runtime_error("bad expiration");
    s.expiration = d;
  }
  if (!doc.at("actual_dte_days").is_null()) s.actual_dte_days = doc["actual_dte_days"].get<int>();
  s.provider = doc.at("provider").get<std::string>();
  s.spot = number_of(doc.at("spot"));
  s.as_of = instant(doc.at("as_of_us").get<long long>());
  s.payload_text = doc.at("payload_text").get<std::string>();
  s.checksum = doc.at("checksum").get<std::string>();
  for (const auto& r : doc.at("rows")) {
    gd::chain_row row;
    row.contract.occ_symbol = r.at(0).get<std::string>();
    row.contract.root = r.at(1).get<std::string>();
    row.contract.underlying = r.at(2).get<std::string>();
    if (!gd::parse_date(r.at(3).get<std::string>(), row.contract.expiration)) throw std::runtime_error("bad row date");
    row.contract.strike = r.at(4).get<double>();
    row.contract.right = r.at(5).get<std::string>() == "P" ? gd::option_right::put : gd::option_right::call;
    row.contract.settlement = r.at(6).get<std::string>() == "AM" ? gd::settlement_style::am : gd::settlement_style::pm;
    row.contract.multiplier = r.at(7).get<int>();
    row.quote.bid = number_of(r.at(8));
    row.quote.ask = number_of(r.at(9));
    row.quote.last = number_of(r.at(10));
    row.quote.bid_size = r.at(11).get<std::int64_t>();
    row.quote.ask_size = r.at(12).get<std::int64_t>();
    row.quote.volume = r.at(13).get<std::int64_t>();
    row.quote.open_interest = r.at(14).get<std::int64_t>();
    row.quote.quote_time = instant(r.at(15).get<long long>());
    row.quote.greeks.iv = number_of(r.at(16));
    row.quote.greeks.delta = number_of(r.at(17));
    row.quote.greeks.gamma = number_of(r.at(18));
    row.quote.greeks.theta = number_of(r.at(19));
    row.quote.greeks.vega = number_of(r.at(20));
    row.quote.greeks.rho = number_of(r.at(21));
    row.quote.greeks.updated_at = instant(r.at(22).get<long long>());
    s.rows.push_back(std::move(row));
  }
  return s;
}

snapshot_spool::snapshot_spool(std::string dir) : dir_(std::move(dir)) {}

void snapshot_spool::put(const store::snapshot_to_store& snapshot) {
  fs::create_directories(dir_);
  // Name by time then key, so draining in name order replays oldest first.
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "%020lld", static_cast<long long>(micros(snapshot.ts)));
  write_durably(fs::path(dir_) / (std::string(prefix) + "_" + snapshot.snapshot_key + ".json"),
                serialize_spooled(snapshot));
}

std::vector<std::string> snapshot_spool::files() const {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t snapshot_spool::pending() const { return files().size(); }

std::size_t snapshot_spool::drain(store::snapshot_repository& repository) {
  std::lock_guard lock(drain_mu_);
  std::size_t landed = 0;
  for (const auto& path : files()) {
    store::snapshot_to_store s;
    try {
      std::ifstream in(path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      s = deserialize_spooled(ss.str());
    } catch (const std::exception& e) {
      const fs::path rejected = fs::path(dir_) / "rejected";
      fs::create_directories(rejected);
      fs::rename(path, rejected / fs::path(path).filename());
      spdlog::error("spool: unreadable file {} moved to {}: {}", path, rejected.string(), e.what());
      continue;
    }
    const auto outcome = repository.insert(s);   // db_unavailable propagates: try again later
    fs::remove(path);
    ++landed;
    spdlog::info("spool: snapshot {} taken at {} stored as #{}{}", s.snapshot_key, gd::format_utc_iso(s.ts),
                 outcome.snapshot_id, outcome.duplicate ? " (already stored)" : "");
  }
  return landed;
}

}  // namespace gd::jobs
