// getentropy is a BSD/GNU extension: musl and glibc declare it only when asked.
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#include "random_ids.hpp"

#include <unistd.h>

#include <array>
#include <cstring>
#include <stdexcept>

#include "squiggle/board_id.hpp"

namespace squiggle::client {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> random_bytes() {
    static_assert(N <= 256, "getentropy returns at most 256 bytes per call");
    std::array<std::uint8_t, N> bytes{};
    // Without real randomness ids could collide across users: refuse, loudly.
    if (getentropy(bytes.data(), bytes.size()) != 0) {
        throw std::runtime_error("no source of secure randomness");
    }
    return bytes;
}

}  // namespace

std::string new_board_id() {
    return board_id_from_bytes(random_bytes<16>());
}

std::uint64_t new_author_id() {
    for (;;) {
        const auto bytes = random_bytes<8>();
        std::uint64_t id = 0;
        std::memcpy(&id, bytes.data(), sizeof id);
        if (id != 0) return id;  // 0 means "no author" on the wire
    }
}

}  // namespace squiggle::client
