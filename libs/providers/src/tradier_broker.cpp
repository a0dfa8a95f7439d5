// tradier_broker: paths, HTTP status mapping and error wording around the parsers in
// tradier_broker_parse.cpp. Messages name the call ("tradier POST /accounts/VA1/orders: HTTP 400:
// ...") and quote only Tradier's sanitized words; the token lives in the transport.
#include <gd/providers/tradier_broker.hpp>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "tradier_fields.hpp"

namespace gd::providers {

namespace {

using gd::execution::broker_order;
using gd::execution::position;
using nlohmann::json;
namespace broker_errors = gd::execution::broker_errors;

constexpr std::string_view form_type = "application/x-www-form-urlencoded";

gd::error err(std::string_view code, const std::string& what, const std::string& detail) {
  return gd::error{std::string{code}, what + ": " + detail};
}

bool alnum_id(std::string_view s, std::size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool contains(const std::string& lowered, std::string_view needle) { return lowered.find(needle) != std::string::npos; }

std::string http_text(const http_response& r) {
  return "HTTP " + std::to_string(r.status) + ": " + detail::tradier_error_text(r.body);
}

bool is_auth(int status) { return status == 401 || status == 403; }
bool is_2xx(int status) { return status >= 200 && status < 300; }
bool quota(const http_response& r) { return r.body.find("Quota Violation") != std::string::npos; }

gd::error auth_error(const std::string& what, const http_response& r) {
  return err(broker_errors::auth, what,
             http_text(r) + ": the access token was rejected; check TRADIER_ACCESS_TOKEN, TRADIER_ACCOUNT_ID and that "
                            "the token belongs to the environment of TRADIER_BASE_URL");
}

// Tradier's "no such order" wording (the exact text is unverified; 404 is handled separately).
bool says_not_found(const std::string& words) {
  const auto l = lower(words);
  return contains(l, "not found") || contains(l, "no order") || contains(l, "does not exist");
}

// "order already in finalized state: filled" (seen by Lean) and similar refusals to cancel.
bool says_not_cancellable(const std::string& words) {
  const auto l = lower(words);
  return contains(l, "finalized") || contains(l, "already") || contains(l, "cannot be cancel") ||
         contains(l, "can not be cancel") || contains(l, "not cancel");
}

// The order object of {"order":{...}}, or nullptr for Tradier's empty spellings.
const json* order_member(const json& doc) {
  const json* o = detail::member(doc, "order");
  return detail::is_empty(o) ? nullptr : o;
}

std::string order_id_of(const json& doc) {
  const json* o = order_member(doc);
  const json* id = detail::member(o, "id");
  if (id == nullptr) return {};
  if (id->is_string()) return id->get<std::string>();
  const auto n = detail::count(id);
  return n > 0 ? std::to_string(n) : std::string{};
}

}  // namespace

tradier_broker::tradier_broker(std::shared_ptr<http_getter> transport, std::string account_id)
    : transport_(std::move(transport)), account_id_(std::move(account_id)) {
  if (!transport_) throw std::invalid_argument("tradier broker: no HTTP transport");
  if (!alnum_id(account_id_, 64)) {
    throw std::invalid_argument("tradier broker: TRADIER_ACCOUNT_ID must be 1 to 64 letters and digits");
  }
}

std::string tradier_broker::orders_path() const { return "/accounts/" + account_id_ + "/orders"; }

gd::result<std::string> tradier_broker::submit(const gd::execution::order& o) {
  const std::string path = orders_path();
  const std::string what = "tradier POST " + path;
  auto form = tradier_order_form(o);
  if (!form) return err(broker_errors::rejected, what, "not sent: " + form.err().message);

  auto sent = transport_->send("POST", path, std::move(form.value()), form_type);
  if (!sent) {
    // Also when the transport says not_sent (the connection was never established): the port has
    // no "not sent" answer, and unknown_outcome is the safe one - the engine looks the tag up,
    // finds nothing, and only then may send again.
    return err(broker_errors::unknown_outcome, what, sent.err().message);
  }
  const auto& r = sent.value();
  if (is_auth(r.status)) return auth_error(what, r);
  const auto doc = json::parse(r.body, nullptr, false);
  const std::string words = doc.is_discarded() ? std::string{} : detail::errors_text(doc);

  if (is_2xx(r.status)) {
    if (doc.is_discarded()) {
      return err(broker_errors::unknown_outcome, what,
                 "HTTP " + std::to_string(r.status) + " with an unreadable body (" + detail::body_excerpt(r.body) +
                     "): the order may have been accepted; look it up by its tag");
    }
    // HTTP 200 with errors: a downstream refusal (buying power, option level, ...).
    if (!words.empty()) return err(broker_errors::rejected, what, "HTTP " + std::to_string(r.status) + ": " + words);
    const std::string id = order_id_of(doc);
    const std::string status = detail::text(detail::member(order_member(doc), "status"));
    if (!id.empty() && status == "ok") return id;
    return err(broker_errors::unknown_outcome, what,
               "HTTP " + std::to_string(r.status) + " without an accepted order id (" + detail::excerpt(doc) +
                   "); look it up by its tag");
  }
  // 400 is a refusal of the request (validation) - except Tradier's throttling, which it sometimes
  // sends as 400 "Quota Violation": that one placed nothing, but "unknown" is the safe reading.
  if (r.status == 400 && !quota(r)) return err(broker_errors::rejected, what, http_text(r));
  // 429, 404 (Tradier sometimes answers it for transient faults), 5xx and anything else: the
  // request may or may not have been acted on.
  return err(broker_errors::unknown_outcome, what, http_text(r) + "; the order may or may not exist: look it up by its tag");
}

gd::result<json> tradier_broker::get_json(const std::string& path_and_query, const std::string& what) {
  auto got = transport_->get(path_and_query);
  if (!got) return err(broker_errors::unavailable, what, got.err().message);
  const auto& r = got.value();
  if (is_auth(r.status)) return auth_error(what, r);
  if (!is_2xx(r.status)) return err(broker_errors::unavailable, what, http_text(r));
  auto doc = json::parse(r.body, nullptr, false);
  if (doc.is_discarded()) {
    return err(broker_errors::malformed, what, "HTTP 200 with a body that is not JSON: " + detail::body_excerpt(r.body));
  }
  if (const auto words = detail::errors_text(doc); !words.empty()) {
    return err(broker_errors::unavailable, what, "HTTP " + std::to_string(r.status) + ": " + words);
  }
  return doc;
}

gd::result<std::vector<broker_order>> tradier_broker::orders() {
  const std::string what = "tradier GET " + orders_path();
  auto doc = get_json(orders_path() + "?includeTags=true", what);
  if (!doc) return doc.err();
  auto list = parse_tradier_orders(doc.value());
  if (!list) return err(list.err().code, what, list.err().message);
  return list;
}

gd::result<broker_order> tradier_broker::order_status(const std::string& broker_id) {
  const std::string path = orders_path() + "/" + broker_id;
  const std::string what = "tradier GET " + orders_path() + "/" + detail::body_excerpt(broker_id);
  if (!alnum_id(broker_id, 64)) return err(broker_errors::not_found, what, "not a Tradier order id");
  auto got = transport_->get(path + "?includeTags=true");
  if (!got) return err(broker_errors::unavailable, what, got.err().message);
  const auto& r = got.value();
  if (is_auth(r.status)) return auth_error(what, r);
  if (r.status == 404) return err(broker_errors::not_found, what, http_text(r));
  const auto doc = json::parse(r.body, nullptr, false);
  const std::string words = doc.is_discarded() ? std::string{} : detail::errors_text(doc);
  if (!words.empty() && says_not_found(words)) return err(broker_errors::not_found, what, http_text(r));
  if (!is_2xx(r.status) || !words.empty()) return err(broker_errors::unavailable, what, http_text(r));
  if (doc.is_discarded()) {
    return err(broker_errors::malformed, what, "HTTP 200 with a body that is not JSON: " + detail::body_excerpt(r.body));
  }
  const json* o = order_member(doc);
  if (o == nullptr) return err(broker_errors::not_found, what, "no order in the answer (" + detail::excerpt(doc) + ")");
  auto parsed = parse_tradier_order(*o);
  if (!parsed) return err(parsed.err().code, what, parsed.err().message);
  return parsed;
}

gd::result<gd::ok_t> tradier_broker::cancel(const std::string& broker_id) {
  const std::string path = orders_path() + "/" + broker_id;
  const std::string what = "tradier DELETE " + orders_path() + "/" + detail::body_excerpt(broker_id);
  if (!alnum_id(broker_id, 64)) return err(broker_errors::not_found, what, "not a Tradier order id");
  auto sent = transport_->send("DELETE", path, {}, {});
  // A cancel whose fate is unknown is harmless to repeat, and the next poll shows what happened.
  if (!sent) return err(broker_errors::unavailable, what, sent.err().message);
  const auto& r = sent.value();
  if (is_auth(r.status)) return auth_error(what, r);
  if (r.status == 404) return err(broker_errors::not_found, what, http_text(r));
  const auto doc = json::parse(r.body, nullptr, false);
  const std::string words = doc.is_discarded() ? std::string{} : detail::errors_text(doc);
  if (!words.empty() && says_not_found(words)) return err(broker_errors::not_found, what, http_text(r));
  if (!words.empty() && says_not_cancellable(words)) return err(broker_errors::not_cancellable, what, http_text(r));
  if (!is_2xx(r.status) && says_not_cancellable(detail::body_excerpt(r.body))) {
    return err(broker_errors::not_cancellable, what, http_text(r));
  }
  if (is_2xx(r.status) && words.empty() && !doc.is_discarded()) {
    if (detail::text(detail::member(order_member(doc), "status")) == "ok") return gd::ok_v;
  }
  // Unrecognized errors, 5xx, an unreadable answer: nothing we know of changed; poll and retry.
  return err(broker_errors::unavailable, what, http_text(r));
}

gd::result<std::vector<position>> tradier_broker::positions() {
  const std::string path = "/accounts/" + account_id_ + "/positions";
  const std::string what = "tradier GET " + path;
  auto doc = get_json(path, what);
  if (!doc) return doc.err();
  auto list = parse_tradier_positions(doc.value());
  if (!list) return err(list.err().code, what, list.err().message);
  return list;
}

}  // namespace gd::providers
