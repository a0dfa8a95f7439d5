#include <gd/execution/settlement.hpp>

#include <algorithm>
#include <cmath>

namespace gd::execution {

settlement_source source_for(settlement_style style) {
  return style == settlement_style::am ? settlement_source::opening_settlement_value : settlement_source::official_close;
}

std::string_view to_string(settlement_source s) {
  return s == settlement_source::official_close ? "official_close" : "opening_settlement_value";
}

double spread_settlement_value(option_right right, double short_strike, double long_strike, double s) {
  const auto intrinsic = [&](double k) { return right == option_right::put ? std::max(0.0, k - s) : std::max(0.0, s - k); };
  const double width = std::abs(short_strike - long_strike);
  return std::clamp(intrinsic(short_strike) - intrinsic(long_strike), 0.0, width);
}

result<double> settlement_value(const trade& t, const settlement_print& print) {
  if (print.date != t.spread.expiration)
    return error{"wrong_settlement_date", "trade " + t.id + ": settlement print is not for the expiration date"};
  if (print.source != source_for(t.spread.settlement))
    return error{"wrong_settlement_source", "trade " + t.id + ": " +
                                                std::string(t.spread.settlement == settlement_style::pm ? "PM" : "AM") +
                                                "-settled spread needs the " +
                                                std::string(to_string(source_for(t.spread.settlement)))};
  if (!(print.value > 0.0) || !std::isfinite(print.value))
    return error{"bad_settlement_value", "trade " + t.id + ": settlement value must be positive"};
  return spread_settlement_value(t.spread.right, t.spread.short_strike, t.spread.long_strike, print.value);
}

}  // namespace gd::execution
