#pragma once
// Why an exit order was placed (take profit, stop loss, manual): stored beside the order when it
// is created (trading_state key "exit_reason:<tag>") and read when it fills, so the closed trade
// says why it closed even if the process restarted in between.
#include <string>

#include <gd/execution/trade.hpp>
#include <gd/store/trading_repository.hpp>

namespace gd::trading {

void remember_exit_reason(store::trading_repository& repo, const std::string& exit_tag, execution::exit_reason reason);
// manual when nothing was stored.
execution::exit_reason recall_exit_reason(store::trading_repository& repo, const std::string& exit_tag);

}  // namespace gd::trading
