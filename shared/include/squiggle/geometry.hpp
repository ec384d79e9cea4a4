#pragma once
// Fixed-point geometry: the model never stores floats, so every replica (native
// or wasm) computes the same board and the same state hash.
#include <cereal/cereal.hpp>
#include <cstdint>

namespace squiggle {

// Model units per screen pixel at zoom 1. 1/16 px is finer than any pointer.
inline constexpr std::int32_t kUnitsPerPixel = 16;

struct Point {
    std::int32_t x = 0;
    std::int32_t y = 0;

    friend bool operator==(const Point&, const Point&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("x", x), cereal::make_nvp("y", y));
    }
};

}  // namespace squiggle
