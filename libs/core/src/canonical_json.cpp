// Being written; see the header.
#include <gd/core/canonical_json.hpp>
