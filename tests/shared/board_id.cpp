#include "squiggle/board_id.hpp"

#include <catch2/catch.hpp>
#include <random>

using namespace squiggle;

TEST_CASE("board ids encode 128 bits as 22 URL-safe characters") {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 1000; ++i) {
        std::array<std::uint8_t, 16> bytes{};
        for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
        const std::string id = board_id_from_bytes(bytes);
        CHECK(id.size() == kBoardIdLength);
        CHECK(is_valid_board_id(id));
        CHECK(id.find_first_of("+/=") == std::string::npos);
    }
    std::array<std::uint8_t, 16> zeros{};
    CHECK(board_id_from_bytes(zeros) == "AAAAAAAAAAAAAAAAAAAAAA");
    std::array<std::uint8_t, 16> ones;
    ones.fill(0xFF);
    CHECK(board_id_from_bytes(ones) == "_____________________w");
}

TEST_CASE("malformed board ids are refused") {
    CHECK_FALSE(is_valid_board_id(""));
    CHECK_FALSE(is_valid_board_id("short"));
    CHECK_FALSE(is_valid_board_id("AAAAAAAAAAAAAAAAAAAAAAA"));  // 23 characters
    CHECK_FALSE(is_valid_board_id("AAAAAAAAAAAAAAAAAAAA/A"));   // not base64url
    CHECK_FALSE(is_valid_board_id("AAAAAAAAAAAAAAAAAAAA.A"));
    CHECK_FALSE(is_valid_board_id("../../../../etc/passwdA"));
    CHECK_FALSE(is_valid_board_id("AAAAAAAAAAAAAAAAAAAAAB"));  // low bits set: not 128-bit
}
