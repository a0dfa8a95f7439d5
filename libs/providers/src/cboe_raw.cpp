// The stored forms of CBOE data and subsets of them (one expiration, a DTE window).
#include <gd/providers/cboe_parse.hpp>

#include <gd/core/ny_time.hpp>
#include <gd/core/occ_symbol.hpp>
#include <gd/providers/tradier_parse.hpp>

#include "cboe_common.hpp"
#include "json_fields.hpp"

namespace gd::providers {

namespace {
constexpr std::string_view csv_key = "cboe_quote_table_csv";
constexpr std::string_view subset_key = "gammadesk_subset";
}  // namespace

nlohmann::json cboe_csv_raw(std::string text) {
  return nlohmann::json{{csv_key, {{"text", std::move(text)}}}};
}

gd::result<cboe_chain> parse_cboe_raw(const nlohmann::json& raw) {
  if (const auto* csv = detail::member(raw, csv_key)) {
    const auto* text = detail::member(csv, "text");
    if (!text || !text->is_string()) {
      return detail::vendor_error("vendor_malformed", detail::cboe_csv_where, "stored CSV payload has no 'text'");
    }
    return parse_cboe_csv(text->get_ref<const std::string&>());
  }
  return parse_cboe_json(raw);
}

gd::result<cboe_payload> parse_cboe_bytes(std::string_view bytes) {
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && bytes[first] == '{') {
    auto doc = parse_vendor_json(bytes, detail::cboe_json_where);
    if (!doc) return doc.err();
    auto parsed = parse_cboe_json(doc.value());
    if (!parsed) return parsed.err();
    return cboe_payload{std::move(doc.value()), std::move(parsed->chain)};
  }
  auto parsed = parse_cboe_csv(bytes);
  if (!parsed) return parsed.err();
  return cboe_payload{cboe_csv_raw(std::string{bytes}), std::move(parsed->chain)};
}

nlohmann::json cboe_raw_subset(const nlohmann::json& raw, date::year_month_day from, date::year_month_day to) {
  const nlohmann::json marker{{"from", gd::format_date(from)}, {"to", gd::format_date(to)}};
  if (const auto* csv = detail::member(raw, csv_key)) {
    auto out = cboe_csv_raw(detail::cboe_csv_subset(detail::text(detail::member(csv, "text")), from, to));
    out[subset_key] = marker;
    return out;
  }
  if (!raw.is_object()) return raw;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : raw.items()) {
    if (key != "data" || !value.is_object()) {
      out[key] = value;
      continue;
    }
    auto& data = out["data"] = nlohmann::json::object();
    for (const auto& [dkey, dvalue] : value.items()) {
      if (dkey != "options" || !dvalue.is_array()) {
        data[dkey] = dvalue;
        continue;
      }
      auto& kept = data["options"] = nlohmann::json::array();
      for (const auto& o : dvalue) {
        const auto occ = gd::parse_occ_symbol(detail::text(detail::member(o, "option")));
        if (!occ || (occ->expiration >= from && occ->expiration <= to)) kept.push_back(o);
      }
    }
  }
  out[subset_key] = marker;
  return out;
}

}  // namespace gd::providers
