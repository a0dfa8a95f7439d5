#include <gd/providers/simulated_broker.hpp>

#include <stdexcept>

#include <gd/core/ny_time.hpp>
#include <gd/core/occ_symbol.hpp>
#include <gd/execution/price_tick.hpp>

namespace gd::providers {

namespace ex = gd::execution;
namespace errs = gd::execution::broker_errors;

namespace {

constexpr int book_version = 1;

gd::error broker_error(std::string_view code, std::string message) {
  return gd::error{std::string{code}, "simulated broker: " + std::move(message)};
}

bool is_short_side(ex::leg_side side) {
  return side == ex::leg_side::sell_to_open || side == ex::leg_side::buy_to_close;
}

bool side_matches_intent(ex::leg_side side, ex::order_intent intent) {
  const bool opening = side == ex::leg_side::sell_to_open || side == ex::leg_side::buy_to_open;
  return opening == (intent == ex::order_intent::open);
}

bool working(ex::broker_status s) {
  return s == ex::broker_status::open || s == ex::broker_status::pending || s == ex::broker_status::partially_filled;
}

std::string iso(sys_time t) { return gd::format_utc_iso(t); }

sys_time parse_instant(const nlohmann::json& j) {
  sys_time t{};
  if (!j.is_string() || !gd::parse_iso_instant(j.get<std::string>(), t)) {
    throw std::invalid_argument("simulated broker book: bad instant");
  }
  return t;
}

}  // namespace

simulated_broker::simulated_broker(const gd::clock& clock, spread_quote_source quotes, simulated_broker_options options)
    : clock_(clock), quotes_(std::move(quotes)), options_(std::move(options)) {
  if (!options_.saved) return;
  const auto& b = *options_.saved;
  try {
    if (b.at("version").get<int>() != book_version) throw std::invalid_argument("unknown version");
    next_id_ = b.at("next_id").get<long long>();
    for (const auto& o : b.at("orders")) orders_.push_back(from_json(o));
    for (const auto& [symbol, qty] : b.at("positions").items()) positions_[symbol] = qty.get<int>();
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("simulated broker: the saved book is unreadable: ") + e.what());
  }
}

gd::result<std::string> simulated_broker::submit(const ex::order& o) {
  if (o.legs.size() != 2) return broker_error(errs::rejected, "a vertical needs exactly 2 legs");
  if (o.quantity <= 0) return broker_error(errs::rejected, "quantity must be positive");
  if (!(o.limit_price > 0.0) || !ex::on_tick(o.limit_price)) {
    return broker_error(errs::rejected, "the limit price must be positive and on the 0.05 tick");
  }
  if (o.tag.empty() || !ex::is_valid_tradier_tag(o.tag)) return broker_error(errs::rejected, "invalid tag");
  sim_order s;
  for (const auto& leg : o.legs) {
    if (!side_matches_intent(leg.side, o.intent)) {
      return broker_error(errs::rejected, "leg side " + std::string(ex::to_string(leg.side)) + " does not match a " +
                                              std::string(ex::to_string(o.intent)) + " order");
    }
    if (!gd::parse_occ_symbol(leg.occ_symbol)) return broker_error(errs::rejected, "unknown option " + leg.occ_symbol);
    (is_short_side(leg.side) ? s.short_symbol : s.long_symbol) = leg.occ_symbol;
  }
  if (s.short_symbol.empty() || s.long_symbol.empty()) {
    return broker_error(errs::rejected, "a credit vertical needs one short and one long leg");
  }

  std::lock_guard lock(mu_);
  const auto now = clock_.now();
  s.id = std::to_string(next_id_++);
  s.tag = o.tag;
  s.intent = o.intent;
  s.quantity = o.quantity;
  s.limit = o.limit_price;
  s.created_at = now;
  s.expires_at = calendar_.current_or_next_session(now).close;
  orders_.push_back(s);
  advance(now);
  try {
    persist();
  } catch (const std::exception& e) {
    // The book could not be saved: as with a real broker whose answer was lost, the caller
    // must look the order up (it is in memory, and will be saved with the next change).
    return broker_error(errs::unknown_outcome, std::string("the book could not be saved: ") + e.what());
  }
  return s.id;
}

gd::result<std::vector<ex::broker_order>> simulated_broker::orders() {
  std::lock_guard lock(mu_);
  advance(clock_.now());
  std::vector<ex::broker_order> out;
  out.reserve(orders_.size());
  for (const auto& o : orders_) out.push_back(view(o));
  return out;
}

gd::result<ex::broker_order> simulated_broker::order_status(const std::string& broker_id) {
  std::lock_guard lock(mu_);
  advance(clock_.now());
  for (const auto& o : orders_) {
    if (o.id == broker_id) return view(o);
  }
  return broker_error(errs::not_found, "no order " + broker_id);
}

gd::result<ok_t> simulated_broker::cancel(const std::string& broker_id) {
  std::lock_guard lock(mu_);
  advance(clock_.now());
  for (auto& o : orders_) {
    if (o.id != broker_id) continue;
    if (!working(o.status)) {
      return broker_error(errs::not_cancellable, "order " + broker_id + " is " + std::string(ex::to_string(o.status)));
    }
    o.status = ex::broker_status::canceled;
    persist();
    return ok_v;
  }
  return broker_error(errs::not_found, "no order " + broker_id);
}

gd::result<std::vector<ex::position>> simulated_broker::positions() {
  std::lock_guard lock(mu_);
  advance(clock_.now());
  std::vector<ex::position> out;
  for (const auto& [symbol, qty] : positions_) {
    if (qty != 0) out.push_back(ex::position{symbol, qty});
  }
  return out;
}

void simulated_broker::advance(sys_time now) {
  bool changed = false;
  const bool market_open = calendar_.is_open(now);
  for (auto& o : orders_) {
    if (!working(o.status)) continue;
    if (now >= o.expires_at) {
      o.status = ex::broker_status::expired;
      changed = true;
      continue;
    }
    if (!market_open) continue;
    const auto quote = quotes_(o.short_symbol, o.long_symbol);
    if (!quote) continue;  // no quote, no fill: try again at the next look
    const bool fills = o.intent == ex::order_intent::open
                           ? ex::entry_limit_fills(o.limit, *quote, options_.fill)
                           : ex::exit_limit_fills(o.limit, *quote, options_.fill);
    if (!fills) continue;
    o.status = ex::broker_status::filled;
    o.exec_quantity = o.quantity;
    o.avg_fill_price = o.limit;
    const int sign = o.intent == ex::order_intent::open ? 1 : -1;  // opening adds the spread, closing removes it
    positions_[o.short_symbol] -= sign * o.quantity;
    positions_[o.long_symbol] += sign * o.quantity;
    changed = true;
  }
  // Finished orders are kept three days (a broker lists today's), so the book stays small.
  const auto keep_after = now - std::chrono::hours(72);
  const auto before = orders_.size();
  std::erase_if(orders_, [&](const sim_order& o) { return !working(o.status) && o.expires_at < keep_after; });
  changed = changed || orders_.size() != before;
  // Options stop being positions once settled: PM roots at the close of their expiration day,
  // AM roots at the open.
  const auto today = gd::ny_date(now);
  for (auto it = positions_.begin(); it != positions_.end();) {
    const auto parts = gd::parse_occ_symbol(it->first);
    bool settled = it->second == 0;
    if (parts && !settled) {
      if (parts->expiration < today) {
        settled = true;
      } else if (parts->expiration == today) {
        const auto session = calendar_.session_on(today);
        const bool am = gd::classify_root(parts->root).settlement == gd::settlement_style::am;
        settled = session && now >= (am ? session->open : session->close);
      }
    }
    if (settled) {
      it = positions_.erase(it);
      changed = true;
    } else {
      ++it;
    }
  }
  if (changed) persist();
}

void simulated_broker::persist() {
  if (options_.save) options_.save(book());
}

nlohmann::json simulated_broker::book() const {
  nlohmann::json orders = nlohmann::json::array();
  for (const auto& o : orders_) orders.push_back(to_json(o));
  nlohmann::json positions = nlohmann::json::object();
  for (const auto& [symbol, qty] : positions_) positions[symbol] = qty;
  return {{"version", book_version}, {"next_id", next_id_}, {"orders", orders}, {"positions", positions}};
}

ex::broker_order simulated_broker::view(const sim_order& o) {
  return ex::broker_order{o.id, o.tag, o.status, o.quantity, o.exec_quantity, o.avg_fill_price, o.reason};
}

nlohmann::json simulated_broker::to_json(const sim_order& o) {
  return {{"id", o.id},
          {"tag", o.tag},
          {"intent", ex::to_string(o.intent)},
          {"short_symbol", o.short_symbol},
          {"long_symbol", o.long_symbol},
          {"quantity", o.quantity},
          {"limit", o.limit},
          {"status", ex::to_string(o.status)},
          {"exec_quantity", o.exec_quantity},
          {"avg_fill_price", o.avg_fill_price},
          {"created_at", iso(o.created_at)},
          {"expires_at", iso(o.expires_at)},
          {"reason", o.reason}};
}

simulated_broker::sim_order simulated_broker::from_json(const nlohmann::json& j) {
  sim_order o;
  o.id = j.at("id").get<std::string>();
  o.tag = j.at("tag").get<std::string>();
  o.intent = j.at("intent").get<std::string>() == "close" ? ex::order_intent::close : ex::order_intent::open;
  o.short_symbol = j.at("short_symbol").get<std::string>();
  o.long_symbol = j.at("long_symbol").get<std::string>();
  o.quantity = j.at("quantity").get<int>();
  o.limit = j.at("limit").get<double>();
  const auto status = ex::parse_broker_status(j.at("status").get<std::string>());
  if (!status) throw std::invalid_argument("bad status");
  o.status = *status;
  o.exec_quantity = j.at("exec_quantity").get<int>();
  o.avg_fill_price = j.at("avg_fill_price").get<double>();
  o.created_at = parse_instant(j.at("created_at"));
  o.expires_at = parse_instant(j.at("expires_at"));
  o.reason = j.value("reason", "");
  return o;
}

}  // namespace gd::providers
