#include "simd_json.hpp"

#include <algorithm>

#include <gd/core/canonical_json.hpp>

namespace gd::providers::detail {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Builds canonical text from a simdjson document: the walk of canonical_json.cpp with simdjson's
// values, and object members put in canonical (bytewise key) order here, since simdjson keeps the
// document's order. Of repeated keys the last one wins, as in a nlohmann object.
class canonical_writer {
 public:
  void value(element e, std::size_t depth) {
    switch (e.type()) {
      case element_type::NULL_VALUE:
        out_ += "null";
        return;
      case element_type::BOOL:
        out_ += e.get_bool().value_unsafe() ? "true" : "false";
        return;
      case element_type::INT64:   // "-0" included: an integer 0 to simdjson as to nlohmann
        gd::canonical::append_integer(out_, e.get_int64().value_unsafe());
        return;
      case element_type::UINT64:
        gd::canonical::append_unsigned(out_, e.get_uint64().value_unsafe());
        return;
      case element_type::DOUBLE:
        gd::canonical::append_double(out_, e.get_double().value_unsafe());
        return;
      case element_type::STRING:
        gd::canonical::append_string(out_, e.get_string().value_unsafe());
        return;
      case element_type::ARRAY: {
        out_ += '[';
        bool first = true;
        const simdjson::dom::array items = e.get_array().value_unsafe();
        for (const element item : items) {
          if (!first) out_ += ',';
          first = false;
          value(item, depth + 1);
        }
        out_ += ']';
        return;
      }
      case element_type::OBJECT:
        object(e.get_object().value_unsafe(), depth);
        return;
    }
  }

  std::string take() { return std::move(out_); }
  void reserve(std::size_t n) { out_.reserve(n); }

 private:
  struct member {
    std::string_view key;
    element value;
    std::size_t position;
  };

  void object(simdjson::dom::object o, std::size_t depth) {
    if (members_.size() <= depth) members_.resize(depth + 1);
    auto& ms = members_[depth];   // only until the loop: writing a nested value may grow members_
    ms.clear();
    for (const auto field : o) ms.push_back(member{field.key, field.value, ms.size()});
    const auto less = [](const member& a, const member& b) {
      return a.key < b.key || (a.key == b.key && a.position < b.position);
    };
    if (!std::is_sorted(ms.begin(), ms.end(), less)) std::sort(ms.begin(), ms.end(), less);
    const std::size_t n = ms.size();
    out_ += '{';
    bool first = true;
    for (std::size_t i = 0; i < n; ++i) {
      const member m = members_[depth][i];
      if (i + 1 < n && members_[depth][i + 1].key == m.key) continue;   // a later duplicate wins
      if (!first) out_ += ',';
      first = false;
      gd::canonical::append_string(out_, m.key);
      out_ += ':';
      value(m.value, depth + 1);
    }
    out_ += '}';
  }

  std::string out_;
  std::vector<std::vector<member>> members_;
};

// A parser keeps its buffers for the next body (a full SPX chain needs a few tens of MB). One
// grown beyond this by a huge body is replaced at its thread's next parse, so the memory is not
// held for good.
constexpr std::size_t keep_parser_capacity = 64u << 20;

simdjson::dom::parser& thread_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

}  // namespace

std::string canonical_text(element root, std::size_t size_hint) {
  canonical_writer w;
  w.reserve(size_hint);
  w.value(root, 0);
  return w.take();
}

std::optional<element> parse_simd(std::string_view bytes) {
  auto& parser = thread_parser();
  if (parser.capacity() > keep_parser_capacity) parser = simdjson::dom::parser{};
  element root;
  if (parser.parse(bytes.data(), bytes.size(), true).get(root) != simdjson::SUCCESS) return std::nullopt;
  return root;
}

}  // namespace gd::providers::detail
