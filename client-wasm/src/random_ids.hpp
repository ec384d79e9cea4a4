#pragma once
// Fresh identifiers from the platform's cryptographic randomness (in the
// browser, Emscripten maps getentropy to crypto.getRandomValues).
#include <cstdint>
#include <string>

namespace squiggle::client {

// 128 random bits as a board id (22 characters of base64url).
std::string new_board_id();

// 128 random bits as a board key, in the same format as board ids. The key a
// page makes for a new board becomes that board's edit key on the server.
std::string new_board_key();

// A random non-zero 64-bit author id: this page's identity on every board.
std::uint64_t new_author_id();

// A uniformly random number in [0, bound); bound must be > 0.
std::uint32_t random_below(std::uint32_t bound);

}  // namespace squiggle::client
