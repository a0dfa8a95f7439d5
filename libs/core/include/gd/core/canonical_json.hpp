#pragma once
// Canonical JSON and the snapshot checksum: SHA-256 (OpenSSL EVP) over a stable serialization
// (object keys sorted bytewise, no insignificant whitespace, numbers as Postgres JSONB returns
// them), so a checksum can be recomputed from what is stored in a JSONB column.
#include <string>

#include <nlohmann/json.hpp>

namespace gd {

std::string canonical_json(const nlohmann::json& value);
std::string sha256_hex(std::string_view bytes);
inline std::string payload_checksum(const nlohmann::json& value) { return sha256_hex(canonical_json(value)); }

}  // namespace gd
