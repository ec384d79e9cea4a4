#pragma once
// Builders for ops used across the shared tests.
#include <cstdint>
#include <random>

#include "squiggle/op.hpp"

namespace squiggle::test {

inline StrokeOp make_stroke(std::uint64_t author, std::uint64_t counter, std::mt19937_64& rng,
                            std::size_t max_points = 40) {
    StrokeOp s;
    s.id = {author, counter};
    s.color = static_cast<Rgba>(rng());
    s.width = 1 + static_cast<std::uint32_t>(rng() % limits::kMaxWidth);
    const std::size_t n = 1 + rng() % max_points;
    std::uniform_int_distribution<std::int32_t> coord(-limits::kMaxCoordinate, limits::kMaxCoordinate);
    for (std::size_t i = 0; i < n; ++i) s.points.push_back({coord(rng), coord(rng)});
    return s;
}

inline std::vector<SequencedOp> make_log(std::size_t count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<SequencedOp> log;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t author = 1 + rng() % 4;
        log.push_back({i + 1, author, i + 1, static_cast<std::int64_t>(1700000000000 + i),
                       make_stroke(author, i + 1, rng)});
    }
    return log;
}

}  // namespace squiggle::test
