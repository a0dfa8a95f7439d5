// Being written; see the header.
#include <gd/core/occ_symbol.hpp>
