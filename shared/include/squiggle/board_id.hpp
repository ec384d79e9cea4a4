#pragma once
// Board ids are 128 random bits written as 22 characters of unpadded base64url,
// so they fit in a URL as they are and cannot be guessed or enumerated.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace squiggle {

inline constexpr std::size_t kBoardIdLength = 22;

// True when `id` has the exact shape of a board id (length and alphabet, and
// the unused low bits of the last character are zero, so each id has one spelling).
bool is_valid_board_id(std::string_view id);

// Encodes 16 random bytes (the caller's source of randomness) as a board id.
std::string board_id_from_bytes(const std::array<std::uint8_t, 16>& bytes);

}  // namespace squiggle
