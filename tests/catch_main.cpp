// Catch2's own main() for every test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
