// Being written; see the header.
#include <gd/core/nyse_calendar.hpp>
