// The fake paper account: order book, fill plans, positions, and Tradier's JSON (no Asio here;
// the wire is fake_tradier.cpp's business).
#include "fake_tradier_account.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>

namespace gd::fakes {

namespace {

using nlohmann::json;
using wall = std::chrono::system_clock;

// ---- Tradier's number style: floats with eight decimals ("quantity": 1.00000000) ----
// nlohmann prints 1.0; numbers go in as marked strings and are unquoted after dump().
constexpr char number_mark = '\x01';

json f8(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.8f", v);
  return std::string(1, number_mark) + buf;
}

std::string dump_tradier(const json& doc) {
  std::string s = doc.dump();
  const std::string open = "\"\\u0001";
  for (auto pos = s.find(open); pos != std::string::npos; pos = s.find(open, pos)) {
    const auto end = s.find('"', pos + open.size());
    s.replace(pos, end - pos + 1, s.substr(pos + open.size(), end - pos - open.size()));
  }
  return s;
}

// One element -> the element itself; none -> "null" (Tradier's collapse and empty markers).
json collapsed(json array) {
  if (array.empty()) return "null";
  if (array.size() == 1) return array.front();
  return array;
}

std::string iso_now() {
  const auto now = wall::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t tt = wall::to_time_t(now);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[80];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

fake_response errors_response(int status, const std::vector<std::string>& messages) {
  json list = json::array();
  for (const auto& m : messages) list.push_back(m);
  return fake_response::json(json{{"errors", {{"error", collapsed(list)}}}}.dump(), status);
}

fake_response order_ok(std::int64_t id) {
  return fake_response::json(json{{"order", {{"id", id}, {"status", "ok"}, {"partner_id", "fake-partner-" + std::to_string(id)}}}}.dump());
}

bool is_working(const std::string& status) {
  return status == "open" || status == "pending" || status == "partially_filled";
}

bool known_status(const std::string& s) {
  return s == "open" || s == "pending" || s == "partially_filled" || s == "filled" || s == "expired" ||
         s == "canceled" || s == "rejected" || s == "error";
}

bool is_sell(const std::string& side) { return side.rfind("sell", 0) == 0; }

bool valid_side(const std::string& s) {
  return s == "sell_to_open" || s == "buy_to_open" || s == "buy_to_close" || s == "sell_to_close";
}

bool valid_tag(const std::string& t) {
  return t.size() <= 255 && std::all_of(t.begin(), t.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
         });
}

// Compact OCC: ROOT(1-6 letters) YYMMDD C|P strike*1000 (8 digits).
bool occ_shape(const std::string& s) {
  if (s.size() < 16 || s.size() > 21) return false;
  const auto root = s.substr(0, s.size() - 15);
  const auto tail = s.substr(s.size() - 15);
  const auto digits = [](std::string_view v) {
    return std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  return std::all_of(root.begin(), root.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }) &&
         digits(tail.substr(0, 6)) && (tail[6] == 'C' || tail[6] == 'P') && digits(tail.substr(7));
}

bool index_underlying(const std::string& symbol) {
  return symbol == "SPX" || symbol == "NDX" || symbol == "RUT" || symbol == "VIX" || symbol == "XSP";
}

std::optional<double> positive_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (!end || *end != '\0' || !std::isfinite(d) || d <= 0.0) return std::nullopt;
  return d;
}

std::optional<int> positive_int(const std::string& s) {
  if (s.empty() || s.size() > 7 || !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return std::nullopt;
  }
  const int v = std::stoi(s);
  return v > 0 ? std::optional<int>{v} : std::nullopt;
}

std::optional<std::int64_t> id_param(const fake_request& r) {
  const auto it = r.params.find("order_id");
  if (it == r.params.end() || it->second.empty() || it->second.size() > 15 ||
      !std::all_of(it->second.begin(), it->second.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return std::nullopt;
  }
  return std::stoll(it->second);
}

std::string first(const std::multimap<std::string, std::string>& form, const std::string& key) {
  const auto it = form.find(key);
  return it == form.end() ? std::string{} : it->second;
}

fake_response admin_error(int status, const std::string& message) {
  auto r = fake_response::json(json{{"error", message}}.dump(), status);
  r.chunked = false;
  r.rate_limit_headers = false;
  return r;
}

fake_response admin_ok(json body) {
  auto r = fake_response::json(body.dump());
  r.chunked = false;
  r.rate_limit_headers = false;
  return r;
}

}  // namespace

std::optional<fill_mode> parse_fill_mode(std::string_view t) {
  if (t == "immediate") return fill_mode::immediate;
  if (t == "open") return fill_mode::open;
  if (t == "fill_on_advance") return fill_mode::fill_on_advance;
  if (t == "partial") return fill_mode::partial;
  if (t == "reject_400") return fill_mode::reject_400;
  if (t == "reject_200") return fill_mode::reject_200;
  if (t == "reject_later") return fill_mode::reject_later;
  return std::nullopt;
}

std::optional<cancel_mode> parse_cancel_mode(std::string_view t) {
  if (t == "cancels") return cancel_mode::cancels;
  if (t == "fill_after_cancel") return cancel_mode::fill_after_cancel;
  return std::nullopt;
}

std::optional<placement_fault> parse_placement_fault(std::string_view t) {
  if (t == "none") return placement_fault::none;
  if (t == "drop_connection") return placement_fault::drop_connection;
  if (t == "server_error") return placement_fault::server_error;
  if (t == "slow") return placement_fault::slow;
  return std::nullopt;
}

fill_plan fill_plan_from_json(const json& j, fill_plan p) {
  if (!j.is_object()) throw std::invalid_argument("a plan must be a JSON object");
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    if (!it->is_string()) throw std::invalid_argument(std::string{key} + " must be a string");
    return it->get<std::string>();
  };
  const auto number = [&](const char* key) -> std::optional<double> {
    const auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    if (!it->is_number()) throw std::invalid_argument(std::string{key} + " must be a number");
    return it->get<double>();
  };
  if (const auto v = text("fill")) {
    const auto m = parse_fill_mode(*v);
    if (!m) throw std::invalid_argument("unknown fill \"" + *v + "\"");
    p.fill = *m;
  }
  if (const auto v = text("cancel")) {
    const auto m = parse_cancel_mode(*v);
    if (!m) throw std::invalid_argument("unknown cancel \"" + *v + "\"");
    p.on_cancel = *m;
  }
  if (const auto v = text("after_accept")) {
    const auto m = parse_placement_fault(*v);
    if (!m) throw std::invalid_argument("unknown after_accept \"" + *v + "\"");
    p.after_accept = *m;
  }
  if (const auto v = text("reason")) p.reason = *v;
  if (const auto v = number("partial_quantity")) p.partial_quantity = static_cast<int>(*v);
  if (const auto v = number("fill_price")) p.fill_price = *v;
  if (const auto v = number("slow_ms")) p.slow_delay = std::chrono::milliseconds{static_cast<long long>(*v)};
  if (p.partial_quantity < 1) throw std::invalid_argument("partial_quantity must be at least 1");
  return p;
}

struct fake_account::impl {
  fake_account_options opt;
  mutable std::mutex mu;
  std::deque<fill_plan> next_plans;
  std::vector<fake_order> book;
  std::vector<received_post> received;
  std::int64_t next_id;

  explicit impl(fake_account_options o) : opt(std::move(o)), next_id(opt.first_order_id) {}

  fake_order* find(std::int64_t id) {
    for (auto& o : book) {
      if (o.id == id) return &o;
    }
    return nullptr;
  }

  static void fill(fake_order& o, int exec) {
    o.exec_quantity = std::min(exec, o.quantity);
    o.avg_fill_price = o.plan.fill_price.value_or(o.price);
    o.status = o.exec_quantity >= o.quantity ? "filled" : "partially_filled";
    o.transaction_date = iso_now();
  }

  // A step along the plan; true when the order changed.
  static bool step(fake_order& o) {
    if (!is_working(o.status)) return false;
    switch (o.plan.fill) {
      case fill_mode::fill_on_advance:
        fill(o, o.quantity);
        break;
      case fill_mode::partial:
        fill(o, o.steps == 0 ? std::min(o.plan.partial_quantity, o.quantity) : o.quantity);
        break;
      case fill_mode::reject_later:
        o.status = "rejected";
        o.reason_description = o.plan.reason;
        o.transaction_date = iso_now();
        break;
      default:
        return false;
    }
    ++o.steps;
    return true;
  }

  // The legs' own prices: the net on the side that carries it (credit: sells; debit: buys), 0 on
  // the other, so |sells - buys| is the net per spread.
  static double leg_price(const fake_order& o, const fake_leg& leg) {
    const bool carries = (o.type == "debit") ? !is_sell(leg.side) : is_sell(leg.side);
    return (carries && o.exec_quantity > 0) ? o.avg_fill_price : 0.0;
  }

  static json order_json(const fake_order& o, bool with_tag) {
    const double remaining = o.status == "canceled" || o.status == "rejected" || o.status == "expired"
                                 ? 0.0
                                 : static_cast<double>(o.quantity - o.exec_quantity);
    json legs = json::array();
    for (const auto& leg : o.legs) {
      const double ratio = o.quantity > 0 ? static_cast<double>(leg.quantity) / o.quantity : 1.0;
      legs.push_back({{"id", leg.id},
                      {"type", o.type},
                      {"symbol", o.symbol},
                      {"side", leg.side},
                      {"quantity", f8(leg.quantity)},
                      {"status", o.status},
                      {"duration", o.duration},
                      {"price", f8(o.price)},
                      {"avg_fill_price", f8(leg_price(o, leg))},
                      {"exec_quantity", f8(o.exec_quantity * ratio)},
                      {"last_fill_price", f8(leg_price(o, leg))},
                      {"last_fill_quantity", f8(o.exec_quantity * ratio)},
                      {"remaining_quantity", f8(remaining * ratio)},
                      {"create_date", o.create_date},
                      {"transaction_date", o.transaction_date},
                      {"class", "option"},
                      {"option_symbol", leg.option_symbol}});
    }
    json j = {{"id", o.id},
              {"type", o.type},
              {"symbol", o.symbol},
              {"side", "buy"},  // what the docs show on a multileg parent
              {"quantity", f8(o.quantity)},
              {"status", o.status},
              {"duration", o.duration},
              {"price", f8(o.price)},
              {"avg_fill_price", f8(o.exec_quantity > 0 ? o.avg_fill_price : 0.0)},
              {"exec_quantity", f8(o.exec_quantity)},
              {"last_fill_price", f8(o.exec_quantity > 0 ? o.avg_fill_price : 0.0)},
              {"last_fill_quantity", f8(o.exec_quantity)},
              {"remaining_quantity", f8(remaining)},
              {"create_date", o.create_date},
              {"transaction_date", o.transaction_date},
              {"class", "multileg"},
              {"num_legs", o.legs.size()},
              {"strategy", "spread"},
              {"leg", collapsed(legs)}};
    if (!o.reason_description.empty()) j["reason_description"] = o.reason_description;
    if (with_tag && !o.tag.empty()) j["tag"] = o.tag;
    return j;
  }

  std::vector<fake_position> positions_locked() const {
    std::vector<fake_position> out;
    std::map<std::string, std::size_t> index;
    for (const auto& o : book) {
      if (o.exec_quantity <= 0 || o.quantity <= 0) continue;
      for (const auto& leg : o.legs) {
        const int contracts = leg.quantity * o.exec_quantity / o.quantity;
        const int signed_qty = is_sell(leg.side) ? -contracts : contracts;
        if (const auto it = index.find(leg.option_symbol); it != index.end()) {
          out[it->second].quantity += signed_qty;
        } else {
          index.emplace(leg.option_symbol, out.size());
          out.push_back({leg.option_symbol, signed_qty});
        }
      }
    }
    std::erase_if(out, [](const fake_position& p) { return p.quantity == 0; });
    return out;
  }

  // Tradier-like validation of a multileg form; empty when valid.
  static std::vector<std::string> validate(const std::multimap<std::string, std::string>& form, fake_order& o) {
    std::vector<std::string> errors;
    const auto klass = first(form, "class");
    if (klass != "multileg") errors.push_back("Invalid parameter, class: " + (klass.empty() ? "missing" : klass));
    o.symbol = first(form, "symbol");
    if (o.symbol.empty()) errors.push_back("Invalid parameter, symbol: missing");
    o.type = first(form, "type");
    if (o.type != "credit" && o.type != "debit" && o.type != "even" && o.type != "market") {
      errors.push_back("Invalid parameter, type: " + (o.type.empty() ? "missing" : o.type));
    }
    o.duration = first(form, "duration");
    if (o.duration != "day" && o.duration != "gtc" && o.duration != "pre" && o.duration != "post") {
      errors.push_back("Invalid parameter, duration: " + (o.duration.empty() ? "missing" : o.duration));
    }
    if (o.type == "market" && o.duration == "gtc") errors.push_back("MarketOrderIsGtc");
    const auto price_text = first(form, "price");
    if (o.type == "credit" || o.type == "debit") {
      const auto price = positive_number(price_text);
      if (price_text.empty()) {
        errors.push_back("LimitPriceUndefined");
      } else if (!price) {
        errors.push_back("Invalid parameter, price: " + price_text);
      } else {
        o.price = *price;
        const double ticks = *price / 0.05;
        if (index_underlying(o.symbol) && std::fabs(ticks - std::round(ticks)) > 1e-6) {
          errors.push_back("Invalid parameter, price: " + price_text + " is not in 0.05 increments");
        }
      }
    }
    o.tag = first(form, "tag");
    if (!valid_tag(o.tag)) errors.push_back("Invalid parameter, tag: letters, digits and dashes only, at most 255");

    std::string expiration;
    for (int i = 0; i < 8; ++i) {
      const std::string n = "[" + std::to_string(i) + "]";
      const auto sym = first(form, "option_symbol" + n);
      const auto side = first(form, "side" + n);
      const auto qty = first(form, "quantity" + n);
      if (sym.empty() && side.empty() && qty.empty()) break;
      fake_leg leg;
      leg.option_symbol = sym;
      leg.side = side;
      if (!occ_shape(sym)) {
        errors.push_back("Invalid parameter, option_symbol" + n + ": " + (sym.empty() ? "missing" : sym));
      } else {
        if (!o.symbol.empty() && sym.rfind(o.symbol, 0) != 0) {
          errors.push_back("Invalid parameter, option_symbol" + n + ": " + sym + " is not an option on " + o.symbol);
        }
        const auto exp = sym.substr(sym.size() - 15, 6);
        if (expiration.empty()) expiration = exp;
        if (index_underlying(o.symbol) && exp != expiration) {
          errors.push_back(
              "Multi Leg Orders with Index options must have all legs within 1 expiration date. Time spreads are not "
              "allowed on Index Options");
        }
      }
      if (!valid_side(side)) errors.push_back("Invalid parameter, side" + n + ": " + (side.empty() ? "missing" : side));
      if (const auto q = positive_int(qty)) {
        leg.quantity = *q;
      } else {
        errors.push_back("IncorrectOrderQuantity: Quantity should be between 1 and 10,000,000");
      }
      o.legs.push_back(std::move(leg));
    }
    if (o.legs.size() < 2 || o.legs.size() > 4) errors.push_back("Invalid parameter, legs: a multileg order has 2 to 4 legs");
    if (!o.legs.empty()) o.quantity = o.legs.front().quantity;
    return errors;
  }
};

fake_account::fake_account(fake_account_options options) : impl_(std::make_unique<impl>(std::move(options))) {}
fake_account::~fake_account() = default;

const std::string& fake_account::account_id() const { return impl_->opt.account_id; }

void fake_account::set_default_plan(fill_plan plan) {
  std::lock_guard lock{impl_->mu};
  impl_->opt.default_plan = std::move(plan);
}

void fake_account::push_plan(fill_plan plan, int times) {
  std::lock_guard lock{impl_->mu};
  for (int i = 0; i < times; ++i) impl_->next_plans.push_back(plan);
}

std::size_t fake_account::pending_plans() const {
  std::lock_guard lock{impl_->mu};
  return impl_->next_plans.size();
}

int fake_account::advance() {
  std::lock_guard lock{impl_->mu};
  int changed = 0;
  for (auto& o : impl_->book) changed += impl::step(o) ? 1 : 0;
  return changed;
}

bool fake_account::set_order_status(std::int64_t id, const std::string& status, std::optional<int> exec_quantity,
                                    std::optional<double> avg_fill_price, std::string reason_description) {
  if (!known_status(status)) return false;
  std::lock_guard lock{impl_->mu};
  auto* o = impl_->find(id);
  if (!o) return false;
  o->status = status;
  if (exec_quantity) o->exec_quantity = std::clamp(*exec_quantity, 0, o->quantity);
  if (avg_fill_price) o->avg_fill_price = *avg_fill_price;
  if (!reason_description.empty()) o->reason_description = std::move(reason_description);
  o->transaction_date = iso_now();
  return true;
}

void fake_account::reset() {
  std::lock_guard lock{impl_->mu};
  impl_->book.clear();
  impl_->received.clear();
  impl_->next_plans.clear();
}

void fake_account::apply_script(const json& script) {
  if (!script.is_object()) throw std::invalid_argument("the script must be a JSON object");
  std::optional<fill_plan> default_plan;
  std::vector<fill_plan> next;
  fill_plan base;
  {
    std::lock_guard lock{impl_->mu};
    base = impl_->opt.default_plan;
  }
  if (const auto it = script.find("default"); it != script.end()) default_plan = fill_plan_from_json(*it, base);
  if (default_plan) base = *default_plan;
  if (const auto it = script.find("next"); it != script.end()) {
    if (!it->is_array()) throw std::invalid_argument("next must be an array of plans");
    for (const auto& p : *it) {
      const auto plan = fill_plan_from_json(p, base);
      const int times = p.contains("times") && p["times"].is_number_integer() ? p["times"].get<int>() : 1;
      for (int i = 0; i < times; ++i) next.push_back(plan);
    }
  }
  if (script.value("reset", false)) reset();
  std::lock_guard lock{impl_->mu};
  if (default_plan) impl_->opt.default_plan = *default_plan;
  for (auto& p : next) impl_->next_plans.push_back(std::move(p));
}

std::vector<fake_order> fake_account::orders() const {
  std::lock_guard lock{impl_->mu};
  return impl_->book;
}

std::optional<fake_order> fake_account::order(std::int64_t id) const {
  std::lock_guard lock{impl_->mu};
  for (const auto& o : impl_->book) {
    if (o.id == id) return o;
  }
  return std::nullopt;
}

std::optional<fake_order> fake_account::order_with_tag(const std::string& tag) const {
  std::lock_guard lock{impl_->mu};
  for (const auto& o : impl_->book) {
    if (o.tag == tag) return o;
  }
  return std::nullopt;
}

std::vector<received_post> fake_account::posts() const {
  std::lock_guard lock{impl_->mu};
  return impl_->received;
}

std::size_t fake_account::posts_with_tag(const std::string& tag) const {
  std::lock_guard lock{impl_->mu};
  return static_cast<std::size_t>(std::count_if(impl_->received.begin(), impl_->received.end(),
                                                [&](const received_post& p) { return p.tag == tag; }));
}

std::size_t fake_account::orders_with_tag(const std::string& tag) const {
  std::lock_guard lock{impl_->mu};
  return static_cast<std::size_t>(
      std::count_if(impl_->book.begin(), impl_->book.end(), [&](const fake_order& o) { return o.tag == tag; }));
}

std::vector<fake_position> fake_account::positions() const {
  std::lock_guard lock{impl_->mu};
  return impl_->positions_locked();
}

json fake_account::state_json() const {
  std::lock_guard lock{impl_->mu};
  json orders = json::array();
  std::map<std::string, int> orders_by_tag, posts_by_tag;
  for (const auto& o : impl_->book) {
    json legs = json::array();
    for (const auto& l : o.legs) legs.push_back({{"option_symbol", l.option_symbol}, {"side", l.side}, {"quantity", l.quantity}});
    orders.push_back({{"id", o.id}, {"tag", o.tag}, {"status", o.status}, {"type", o.type}, {"price", o.price},
                      {"quantity", o.quantity}, {"exec_quantity", o.exec_quantity}, {"avg_fill_price", o.avg_fill_price},
                      {"reason_description", o.reason_description}, {"legs", legs}});
    ++orders_by_tag[o.tag];
  }
  json posts = json::array();
  for (const auto& p : impl_->received) {
    posts.push_back({{"tag", p.tag}, {"http_status", p.http_status}, {"outcome", p.outcome},
                     {"order_id", p.order_id ? json(*p.order_id) : json(nullptr)}});
    ++posts_by_tag[p.tag];
  }
  json positions = json::array();
  for (const auto& p : impl_->positions_locked()) positions.push_back({{"symbol", p.symbol}, {"quantity", p.quantity}});
  return {{"account_id", impl_->opt.account_id}, {"orders", orders},           {"posts", posts},
          {"posts_by_tag", posts_by_tag},       {"orders_by_tag", orders_by_tag}, {"positions", positions},
          {"pending_plans", impl_->next_plans.size()}};
}

fake_response fake_account::place_order(const fake_request& r) {
  const auto form = r.form();
  std::lock_guard lock{impl_->mu};
  fill_plan plan = impl_->opt.default_plan;
  if (!impl_->next_plans.empty()) {
    plan = impl_->next_plans.front();
    impl_->next_plans.pop_front();
  }
  received_post post;
  post.tag = first(form, "tag");
  post.body = r.body;

  fake_order o;
  const auto errors = impl::validate(form, o);
  if (!errors.empty()) {
    post.http_status = 400;
    post.outcome = "invalid";
    impl_->received.push_back(std::move(post));
    return errors_response(400, errors);
  }
  if (plan.fill == fill_mode::reject_400 || plan.fill == fill_mode::reject_200) {
    post.http_status = plan.fill == fill_mode::reject_400 ? 400 : 200;
    post.outcome = "rejected";
    impl_->received.push_back(std::move(post));
    // 400 with a list, 200 with a lone string: both of Tradier's shapes get exercised.
    if (plan.fill == fill_mode::reject_400) return errors_response(400, {plan.reason});
    return fake_response::json(json{{"errors", {{"error", plan.reason}}}}.dump(), 200);
  }
  o.id = impl_->next_id++;
  for (auto& leg : o.legs) leg.id = impl_->next_id++;
  o.plan = plan;
  o.create_date = iso_now();
  o.transaction_date = o.create_date;
  if (plan.fill == fill_mode::immediate) impl::fill(o, o.quantity);
  post.order_id = o.id;
  post.http_status = 200;
  post.outcome = "accepted";
  auto answer = order_ok(o.id);
  switch (plan.after_accept) {
    case placement_fault::none:
      break;
    case placement_fault::drop_connection:
      post.outcome = "dropped";
      answer.drop_connection = true;
      break;
    case placement_fault::server_error:
      post.outcome = "server_error";
      post.http_status = 500;
      answer = fake_response::json(R"({"fault":{"faultstring":"Gateway Timeout","detail":{"errorcode":"messaging.adaptors.http.flow.GatewayTimeout"}}})",
                                   500);
      answer.rate_limit_headers = false;
      break;
    case placement_fault::slow:
      post.outcome = "slow";
      answer.delay = plan.slow_delay;
      break;
  }
  impl_->book.push_back(std::move(o));
  impl_->received.push_back(std::move(post));
  return answer;
}

fake_response fake_account::list_orders(const fake_request& r) {
  const bool tags = r.query_param("includeTags") == "true";
  std::lock_guard lock{impl_->mu};
  json list = json::array();
  for (const auto& o : impl_->book) list.push_back(impl::order_json(o, tags));
  const json doc = list.empty() ? json{{"orders", "null"}} : json{{"orders", {{"order", collapsed(list)}}}};
  return fake_response::json(dump_tradier(doc));
}

fake_response fake_account::get_order(const fake_request& r) {
  const bool tags = r.query_param("includeTags") == "true";
  const auto id = id_param(r);
  std::lock_guard lock{impl_->mu};
  const auto* o = id ? impl_->find(*id) : nullptr;
  if (!o) return errors_response(404, {"Order not found"});
  return fake_response::json(dump_tradier(json{{"order", impl::order_json(*o, tags)}}));
}

fake_response fake_account::cancel_order(const fake_request& r) {
  const auto id = id_param(r);
  std::lock_guard lock{impl_->mu};
  auto* o = id ? impl_->find(*id) : nullptr;
  if (!o) return errors_response(404, {"Order not found"});
  if (!is_working(o->status)) return errors_response(400, {"order already in finalized state: " + o->status});
  if (o->plan.on_cancel == cancel_mode::fill_after_cancel) {
    impl::fill(*o, o->quantity);
  } else {
    o->status = "canceled";
    o->transaction_date = iso_now();
  }
  return fake_response::json(json{{"order", {{"id", o->id}, {"status", "ok"}}}}.dump());
}

fake_response fake_account::list_positions(const fake_request&) {
  std::lock_guard lock{impl_->mu};
  json list = json::array();
  std::int64_t id = 130089;
  for (const auto& p : impl_->positions_locked()) {
    list.push_back({{"cost_basis", f8(0.0)}, {"date_acquired", iso_now()}, {"id", id++}, {"quantity", f8(p.quantity)},
                    {"symbol", p.symbol}});
  }
  const json doc = list.empty() ? json{{"positions", "null"}} : json{{"positions", {{"position", collapsed(list)}}}};
  return fake_response::json(dump_tradier(doc));
}

std::shared_ptr<fake_account> install_account(fake_tradier& server, fake_account_options options) {
  auto account = std::make_shared<fake_account>(std::move(options));
  const std::string base = "/v1/accounts/{account_id}";
  // Every account route checks the id first: another account is not ours to show.
  const auto guarded = [account](fake_response (fake_account::*h)(const fake_request&)) {
    return [account, h](const fake_request& r) {
      if (r.params.count("account_id") && r.params.at("account_id") != account->account_id()) {
        return errors_response(400, {"Invalid account number"});
      }
      return ((*account).*h)(r);
    };
  };
  server.route("POST", base + "/orders", guarded(&fake_account::place_order));
  server.route("GET", base + "/orders", guarded(&fake_account::list_orders));
  server.route("GET", base + "/orders/{order_id}", guarded(&fake_account::get_order));
  server.route("DELETE", base + "/orders/{order_id}", guarded(&fake_account::cancel_order));
  server.route("GET", base + "/positions", guarded(&fake_account::list_positions));

  server.route("POST", "/__fake/account/script", [account](const fake_request& r) {
    const auto script = json::parse(r.body, nullptr, false);
    if (script.is_discarded()) return admin_error(400, "the script is not JSON");
    try {
      account->apply_script(script);
    } catch (const std::exception& e) {
      return admin_error(400, e.what());
    }
    return admin_ok({{"ok", true}, {"pending_plans", account->pending_plans()}});
  });
  server.route("POST", "/__fake/account/advance",
               [account](const fake_request&) { return admin_ok({{"changed", account->advance()}}); });
  server.route("POST", "/__fake/account/reset", [account](const fake_request&) {
    account->reset();
    return admin_ok({{"ok", true}});
  });
  server.route("POST", "/__fake/account/orders/{order_id}/status", [account](const fake_request& r) {
    const auto id = id_param(r);
    const auto body = json::parse(r.body, nullptr, false);
    if (!id || !body.is_object() || !body.contains("status") || !body["status"].is_string()) {
      return admin_error(400, "expected {\"status\":...} for a numeric order id");
    }
    std::optional<int> exec;
    std::optional<double> avg;
    if (body.contains("exec_quantity") && body["exec_quantity"].is_number()) exec = body["exec_quantity"].get<int>();
    if (body.contains("avg_fill_price") && body["avg_fill_price"].is_number()) avg = body["avg_fill_price"].get<double>();
    const std::string reason = body.value("reason_description", std::string{});
    if (!account->set_order_status(*id, body["status"].get<std::string>(), exec, avg, reason)) {
      return admin_error(404, "no such order, or an unknown status");
    }
    return admin_ok({{"ok", true}});
  });
  server.route("GET", "/__fake/account/orders", [account](const fake_request&) { return admin_ok(account->state_json()); });
  return account;
}

}  // namespace gd::fakes
