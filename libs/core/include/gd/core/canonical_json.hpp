#pragma once
// Canonical JSON and the snapshot checksum: SHA-256 (OpenSSL EVP) over a stable serialization
// (object keys sorted bytewise, no insignificant whitespace, numbers as Postgres JSONB returns
// them), so a checksum can be recomputed from what is stored in a JSONB column.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace gd {

std::string canonical_json(const nlohmann::json& value);
std::string sha256_hex(std::string_view bytes);
inline std::string payload_checksum(const nlohmann::json& value) { return sha256_hex(canonical_json(value)); }

// The pieces of the canonical form, for writers that build canonical text from something other
// than a nlohmann value (another parser's document, payloads assembled from canonical parts).
// Every one writes exactly what canonical_json writes for the same value.
namespace canonical {
void append_string(std::string& out, std::string_view s);  // a JSON string, escaped as dump() does
void append_double(std::string& out, double x);             // the normal form of a double
void append_integer(std::string& out, std::int64_t v);
void append_unsigned(std::string& out, std::uint64_t v);
// An object from members whose values are already canonical text: keys sorted bytewise, and of
// equal keys the last one wins (as when a document with a repeated key is parsed).
std::string object(std::vector<std::pair<std::string, std::string>> members);
}  // namespace canonical

}  // namespace gd
