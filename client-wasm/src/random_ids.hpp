#pragma once
// Fresh identifiers from the platform's cryptographic randomness (in the
// browser, Emscripten maps getentropy to crypto.getRandomValues).
#include <cstdint>
#include <string>

namespace squiggle::client {

// 128 random bits as a board id (22 characters of base64url).
std::string new_board_id();

// A random non-zero 64-bit author id: this page's identity on every board.
std::uint64_t new_author_id();

}  // namespace squiggle::client
