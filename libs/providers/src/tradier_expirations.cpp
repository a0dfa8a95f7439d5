// GET /markets/options/expirations: both the dates-only and the per-expiration-object shapes.
#include <gd/providers/tradier_parse.hpp>

#include <algorithm>

#include <gd/core/ny_time.hpp>

#include "json_fields.hpp"

namespace gd::providers {

using detail::as_list;
using detail::member;

namespace {

gd::result<std::vector<date::year_month_day>> parse(const nlohmann::json& doc) {
  const auto where = tradier_expirations_endpoint;
  if (!doc.is_object()) return detail::vendor_error("vendor_malformed", where, "top level is not a JSON object");
  std::vector<date::year_month_day> out;
  const auto* root = member(doc, "expirations");
  if (detail::is_empty(root)) return out;  // unknown symbol: null / "null" / missing
  if (!root->is_object()) return detail::vendor_error("vendor_malformed", where, "'expirations' is not an object");

  // With strikes/contractSize/expirationType the dates move into expiration[].date.
  std::vector<const nlohmann::json*> dates = as_list(member(root, "date"));
  for (const auto* e : as_list(member(root, "expiration"))) {
    const auto* d = member(*e, "date");
    if (!d) return detail::vendor_error("vendor_malformed", where, "an expiration object has no 'date'");
    dates.push_back(d);
  }
  for (const auto* d : dates) {
    date::year_month_day ymd{};
    if (!d->is_string() || !gd::parse_date(d->get<std::string>(), ymd)) {
      return detail::vendor_error("vendor_malformed", where, "expiration date is not YYYY-MM-DD: " + detail::excerpt(*d));
    }
    out.push_back(ymd);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

gd::result<std::vector<date::year_month_day>> parse_tradier_expirations(const nlohmann::json& doc) {
  return detail::guarded(tradier_expirations_endpoint, [&] { return parse(doc); });
}

}  // namespace gd::providers
