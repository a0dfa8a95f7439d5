#include "trading/exit_intents.hpp"

namespace gd::trading {

namespace ex = gd::execution;

namespace {
std::string key_for(const std::string& tag) { return "exit_reason:" + tag; }
}  // namespace

void remember_exit_reason(store::trading_repository& repo, const std::string& exit_tag, ex::exit_reason reason) {
  repo.save_state(key_for(exit_tag), {{"reason", ex::to_string(reason)}});
}

ex::exit_reason recall_exit_reason(store::trading_repository& repo, const std::string& exit_tag) {
  const auto stored = repo.load_state(key_for(exit_tag));
  if (!stored || !stored->contains("reason") || !(*stored)["reason"].is_string()) return ex::exit_reason::manual;
  const auto text = (*stored)["reason"].get<std::string>();
  for (const auto r : {ex::exit_reason::take_profit, ex::exit_reason::stop_loss, ex::exit_reason::settlement}) {
    if (text == ex::to_string(r)) return r;
  }
  return ex::exit_reason::manual;
}

}  // namespace gd::trading
