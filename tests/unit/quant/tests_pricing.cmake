# pricing tests: gd_add_test(...) calls
