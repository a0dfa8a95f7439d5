// The socket-free half of tradier_broker: the order form and the readers of Tradier's order and
// position bodies, with its quirks (tradier_api.md sections 2, 4-6).
#include <gd/providers/tradier_broker.hpp>

#include <cmath>
#include <cstdio>
#include <map>

#include <gd/execution/price_tick.hpp>

#include "tradier_fields.hpp"

namespace gd::providers {

namespace {

using gd::execution::broker_order;
using gd::execution::position;
using nlohmann::json;
namespace broker_errors = gd::execution::broker_errors;

gd::error malformed(std::string what) { return gd::error{std::string{broker_errors::malformed}, std::move(what)}; }
gd::error refused(std::string what) { return gd::error{std::string{broker_errors::rejected}, std::move(what)}; }

// The parsers avoid throwing accessors; this keeps the promise if one slips through.
template <class F>
auto guarded(std::string_view where, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return malformed(std::string{where} + ": unexpected shape (" + e.what() + ")");
  }
}

// Order ids come as numbers (257459) or, defensively, strings.
std::string id_text(const json* v) {
  if (v == nullptr) return {};
  if (v->is_string()) return v->get<std::string>();
  const double d = detail::number(v);
  if (std::isfinite(d) && d >= 0 && d < 9.0e15 && d == std::floor(d)) return std::to_string(std::llround(d));
  return {};
}

// Whole contracts from Tradier's floats (1.00000000, -2.0). Missing: nullopt. Present but not a
// whole number: an error, because a quantity we cannot read must not become a guess.
struct contracts {
  bool present = false;
  bool valid = true;
  long long value = 0;
};
contracts whole_contracts(const json* v) {
  contracts out;
  if (v == nullptr || v->is_null()) return out;
  out.present = true;
  const double d = detail::number(v);
  if (!std::isfinite(d) || std::fabs(d) > 1.0e9 || std::fabs(d - std::round(d)) > 1e-6) {
    out.valid = false;
    return out;
  }
  out.value = std::llround(d);
  return out;
}

bool is_sell(std::string_view side) { return side.substr(0, 4) == "sell"; }

// The document's collection under {"<root>":{"<item>": ...}}, with Tradier's empty spellings
// ({"<root>":"null"}, {"<root>":null}, {}, a null document) as an empty list.
gd::result<std::vector<const json*>> collection(const json& doc, std::string_view root, std::string_view item) {
  std::vector<const json*> none;
  if (doc.is_null()) return none;
  if (!doc.is_object()) return malformed("expected a JSON object, got " + detail::excerpt(doc));
  const json* r = detail::member(doc, root);
  if (r == nullptr) {
    if (doc.empty()) return none;
    return malformed("no \"" + std::string{root} + "\" in " + detail::excerpt(doc));
  }
  if (detail::is_empty(r)) return none;
  if (!r->is_object()) return malformed("\"" + std::string{root} + "\" is " + detail::excerpt(*r));
  const json* list = detail::member(r, item);
  if (list == nullptr) return malformed("no \"" + std::string{item} + "\" in " + detail::excerpt(*r));
  for (const auto* e : detail::as_list(list)) {
    if (!e->is_object()) return malformed("a \"" + std::string{item} + "\" that is not an object: " + detail::excerpt(*e));
  }
  return detail::as_list(list);
}

}  // namespace

std::optional<std::string> tradier_price_text(double price) {
  if (!std::isfinite(price) || price <= 0.0 || price > 100'000.0) return std::nullopt;
  if (!gd::execution::on_tick(price)) return std::nullopt;
  const long long cents = std::llround(price * 100.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", cents / 100, cents % 100);
  return std::string{buf};
}

gd::result<std::string> tradier_order_form(const gd::execution::order& o) {
  using gd::execution::order_intent;
  if (o.legs.empty() || o.legs.size() > 4) {
    return refused("a multileg order needs 1 to 4 legs, this one has " + std::to_string(o.legs.size()));
  }
  if (o.quantity < 1) return refused("quantity " + std::to_string(o.quantity) + " is not a positive number of spreads");
  const auto price = tradier_price_text(o.limit_price);
  if (!price) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6g", o.limit_price);
    return refused(std::string{"limit price "} + buf + " is not a positive net price on the 0.05 tick");
  }
  if (o.underlying.empty()) return refused("no underlying symbol");
  if (!o.tag.empty() && !gd::execution::is_valid_tradier_tag(o.tag)) {
    return refused("tag \"" + detail::body_excerpt(o.tag) + "\" is not a Tradier tag (letters, digits, '-', at most 255)");
  }
  std::string form;
  const auto add = [&form](std::string_view key, std::string_view value) {
    if (!form.empty()) form += '&';
    form += url_encode(key);
    form += '=';
    form += url_encode(value);
  };
  add("class", "multileg");
  add("symbol", o.underlying);
  add("type", o.intent == order_intent::open ? "credit" : "debit");  // price is positive; type says which way
  add("duration", "day");
  add("price", *price);
  if (!o.tag.empty()) add("tag", o.tag);
  const std::string qty = std::to_string(o.quantity);
  for (std::size_t i = 0; i < o.legs.size(); ++i) {
    const auto& leg = o.legs[i];
    if (leg.occ_symbol.empty()) return refused("leg " + std::to_string(i) + " has no option symbol");
    const std::string n = "[" + std::to_string(i) + "]";
    add("option_symbol" + n, leg.occ_symbol);
    add("side" + n, gd::execution::to_string(leg.side));
    add("quantity" + n, qty);
  }
  return form;
}

gd::result<broker_order> parse_tradier_order(const json& o) {
  return guarded("order", [&]() -> gd::result<broker_order> {
    if (!o.is_object()) return malformed("an order that is not an object: " + detail::excerpt(o));
    broker_order out;
    out.id = id_text(detail::member(o, "id"));
    if (out.id.empty()) return malformed("an order without an id: " + detail::excerpt(o));
    const std::string where = "order " + out.id;
    const auto status_text = detail::text(detail::member(o, "status"));
    const auto status = gd::execution::parse_broker_status(status_text);
    if (!status) return malformed(where + ": unknown status \"" + detail::body_excerpt(status_text) + "\"");
    out.status = *status;
    out.tag = detail::text(detail::member(o, "tag"));
    out.reason = detail::text(detail::member(o, "reason_description"));

    const auto legs = detail::as_list(detail::member(o, "leg"));
    const json* first_leg = legs.empty() ? nullptr : legs.front();
    // Spreads: the multileg order's own numbers, else its first leg's (each leg trades `quantity`).
    const auto pick = [&](std::string_view key) {
      auto c = whole_contracts(detail::member(o, key));
      if (!c.present && first_leg) c = whole_contracts(detail::member(*first_leg, key));
      return c;
    };
    const auto qty = pick("quantity");
    if (!qty.present) return malformed(where + ": no quantity");
    if (!qty.valid || qty.value < 0) return malformed(where + ": quantity is not a whole number of contracts");
    const auto exec = pick("exec_quantity");
    if (!exec.valid || exec.value < 0) return malformed(where + ": exec_quantity is not a whole number of contracts");
    out.quantity = static_cast<int>(qty.value);
    out.exec_quantity = static_cast<int>(exec.value);

    // Net per spread, positive. How a filled multileg reports its price is unverified (tradier_api.md
    // 5.2): the order's own avg_fill_price when it has one, else the legs' net.
    const double own = detail::number(detail::member(o, "avg_fill_price"));
    if (std::isfinite(own) && own != 0.0) {
      out.avg_fill_price = std::fabs(own);
    } else if (out.exec_quantity > 0 && !legs.empty()) {
      double net = 0.0;
      bool all = true;
      for (const auto* leg : legs) {
        const double p = detail::number(detail::member(*leg, "avg_fill_price"));
        if (!std::isfinite(p)) all = false;
        net += is_sell(detail::text(detail::member(*leg, "side"))) ? p : -p;
      }
      if (all) out.avg_fill_price = std::fabs(net);
    }
    return out;
  });
}

gd::result<std::vector<broker_order>> parse_tradier_orders(const json& doc) {
  return guarded("orders", [&]() -> gd::result<std::vector<broker_order>> {
    auto items = collection(doc, "orders", "order");
    if (!items) return items.err();
    std::vector<broker_order> out;
    out.reserve(items->size());
    for (const auto* e : *items) {
      auto one = parse_tradier_order(*e);
      if (!one) return one.err();  // never a partial list
      out.push_back(std::move(one.value()));
    }
    return out;
  });
}

gd::result<std::vector<position>> parse_tradier_positions(const json& doc) {
  return guarded("positions", [&]() -> gd::result<std::vector<position>> {
    auto items = collection(doc, "positions", "position");
    if (!items) return items.err();
    std::vector<position> out;
    std::map<std::string, std::size_t> index;
    for (const auto* e : *items) {
      const auto symbol = detail::text(detail::member(*e, "symbol"));
      if (symbol.empty()) return malformed("a position without a symbol: " + detail::excerpt(*e));
      const auto q = whole_contracts(detail::member(*e, "quantity"));
      if (!q.present || !q.valid) return malformed("position " + symbol + ": quantity is not a whole number");
      if (const auto it = index.find(symbol); it != index.end()) {
        out[it->second].quantity += static_cast<int>(q.value);
      } else {
        index.emplace(symbol, out.size());
        out.push_back(position{symbol, static_cast<int>(q.value)});
      }
    }
    std::erase_if(out, [](const position& p) { return p.quantity == 0; });
    return out;
  });
}

}  // namespace gd::providers
