// getentropy is a BSD/GNU extension: musl and glibc declare it only when asked.
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#include "random_ids.hpp"

#include <unistd.h>

#include <array>
#include <cstdint>
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

std::string new_board_key() {
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

std::uint32_t random_below(std::uint32_t bound) {
    // Rejection sampling: values in the incomplete last block would favour
    // small results.
    const std::uint32_t limit = UINT32_MAX - UINT32_MAX % bound;
    for (;;) {
        const auto bytes = random_bytes<4>();
        std::uint32_t value = 0;
        std::memcpy(&value, bytes.data(), sizeof value);
        if (value < limit) return value % bound;
    }
}

}  // namespace squiggle::client
