#pragma once
// Field readers shared by the Tradier parsers (private to libs/providers).
#include <string>
#include <string_view>

#include <gd/providers/tradier_parse.hpp>

#include "json_fields.hpp"

namespace gd::providers::detail {

// Printable ASCII only and short: bodies can be HTML maintenance pages or binary garbage.
inline std::string body_excerpt(std::string_view body) {
  if (body.find("<html") != std::string_view::npos || body.find("<HTML") != std::string_view::npos) {
    return "(an HTML page)";
  }
  std::string out;
  for (const char ch : body.substr(0, 160)) out.push_back((ch >= 0x20 && ch < 0x7f) ? ch : ' ');
  if (body.size() > 160) out += "...";
  return out.empty() ? "(empty body)" : out;
}

// The strings of Tradier's {"errors":{"error": s | [s...]}} joined with "; ", or "" when the
// document has none (an error list collapses to a bare string when it has one entry).
inline std::string errors_text(const nlohmann::json& doc) {
  std::string out;
  for (const auto* e : as_list(member(member(doc, "errors"), "error"))) {
    if (!out.empty()) out += "; ";
    out += e->is_string() ? e->get<std::string>() : excerpt(*e);
  }
  return out;
}

// Tradier's words from an error body: its errors list, else Apigee's {"fault":{"faultstring": s}},
// else a short excerpt of the body. Sanitized and bounded either way.
inline std::string tradier_error_text(std::string_view body) {
  const auto doc = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded()) return body_excerpt(body);
  std::string out = errors_text(doc);
  if (out.empty()) out = text(member(member(doc, "fault"), "faultstring"));
  return out.empty() ? body_excerpt(body) : body_excerpt(out);
}

// A Tradier timestamp field, epoch milliseconds or seconds (both occur); epoch 0 when absent.
inline gd::sys_time epoch_field(const nlohmann::json& o, std::string_view key) {
  return epoch_ms_or_s(epoch_number(member(o, key)));
}

}  // namespace gd::providers::detail
