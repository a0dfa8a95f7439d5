#include <gd/execution/broker.hpp>

namespace gd::execution {

std::vector<broker_order> orders_with_tag(const std::vector<broker_order>& all, std::string_view tag) {
  std::vector<broker_order> out;
  for (const auto& o : all) {
    if (!tag.empty() && o.tag == tag) out.push_back(o);
  }
  return out;
}

order_event lookup_event(const std::vector<broker_order>& all, std::string_view tag) {
  const auto matches = orders_with_tag(all, tag);
  if (matches.empty()) return events::lookup_not_found{};
  const broker_order* best = &matches.front();
  for (const auto& m : matches) {
    if (m.exec_quantity > best->exec_quantity) best = &m;
  }
  return events::lookup_found{best->id, best->status, best->exec_quantity, best->avg_fill_price, best->reason};
}

}  // namespace gd::execution
