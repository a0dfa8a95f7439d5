#pragma once
// Field readers shared by the Tradier parsers (private to libs/providers).
#include <string_view>

#include <gd/providers/tradier_parse.hpp>

#include "json_fields.hpp"

namespace gd::providers::detail {

// A Tradier timestamp field, epoch milliseconds or seconds (both occur); epoch 0 when absent.
inline gd::sys_time epoch_field(const nlohmann::json& o, std::string_view key) {
  return epoch_ms_or_s(epoch_number(member(o, key)));
}

}  // namespace gd::providers::detail
