#include <gd/execution/management.hpp>

#include <catch2/catch.hpp>

using namespace gd::execution;

TEST_CASE("take profit at <= 50% of the credit, stop loss at >= 2x; both in one bar: the stop wins",
          "[execution][management]") {
  const management_rules rules;  // 0.5, 2.0
  struct row {
    double credit, low, high;
    management_action expected;
  };
  const row rows[] = {
      {1.00, 0.50, 0.50, management_action::take_profit},  // exactly 50%
      {1.00, 0.55, 0.55, management_action::hold},
      {1.00, 1.99, 1.99, management_action::hold},
      {1.00, 2.00, 2.00, management_action::stop_loss},    // exactly 2x: -100% of max profit
      {1.00, 0.40, 2.10, management_action::stop_loss},    // both trigger inside the bar
      {1.00, 0.45, 1.50, management_action::take_profit},
      {1.00, 0.60, 1.90, management_action::hold},
      {1.10, 0.55, 0.55, management_action::take_profit},  // 0.5 x 1.10 in floating point
      {1.10, 2.20, 2.20, management_action::stop_loss},
      {0.35, 0.15, 0.20, management_action::take_profit},
  };
  for (const auto& r : rows) {
    INFO("credit " << r.credit << " bar " << r.low << ".." << r.high);
    CHECK(evaluate(r.credit, debit_bar{r.low, r.high}, rules) == r.expected);
  }
}

TEST_CASE("management thresholds come from config", "[execution][management]") {
  const management_rules rules{0.25, 3.0, trigger_price::closing_side};
  CHECK(evaluate(1.0, debit_bar{0.30, 0.30}, rules) == management_action::hold);
  CHECK(evaluate(1.0, debit_bar{0.25, 0.25}, rules) == management_action::take_profit);
  CHECK(evaluate(1.0, debit_bar{2.50, 2.50}, rules) == management_action::hold);
  CHECK(evaluate(1.0, debit_bar{3.00, 3.00}, rules) == management_action::stop_loss);
  CHECK(validate(rules).ok());
  CHECK_FALSE(validate(management_rules{1.0, 2.0}).ok());
  CHECK_FALSE(validate(management_rules{0.5, 1.0}).ok());
  CHECK_FALSE(validate(management_rules{0.0, 2.0}).ok());
}

TEST_CASE("a mark triggers on the configured price: closing side by default, or mid", "[execution][management]") {
  const mark m{{}, 0.45, 0.60};
  CHECK(evaluate(1.0, m, management_rules{}) == management_action::hold);
  CHECK(evaluate(1.0, m, management_rules{0.5, 2.0, trigger_price::mid}) == management_action::take_profit);
  const mark wide{{}, 1.90, 2.05};
  CHECK(evaluate(1.0, wide, management_rules{}) == management_action::stop_loss);
  CHECK(evaluate(1.0, wide, management_rules{0.5, 2.0, trigger_price::mid}) == management_action::hold);
}
