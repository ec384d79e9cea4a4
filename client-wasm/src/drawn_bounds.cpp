#include "drawn_bounds.hpp"

#include <algorithm>
#include <cstdint>

#include "squiggle/limits.hpp"

namespace squiggle::client {
namespace {

std::int32_t clamped(std::int64_t v) {
    return static_cast<std::int32_t>(std::clamp<std::int64_t>(v, INT32_MIN, INT32_MAX));
}

Box grown(const Box& b, std::int64_t by) {
    return Box{clamped(b.min_x - by), clamped(b.min_y - by), clamped(b.max_x + by), clamped(b.max_y + by)};
}

}  // namespace

Box drawn_bounds(const Object& object) {
    const Box box = bounds(object);
    return std::visit(
        [&](const auto& o) -> Box {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, TextOp>) {
                return box;
            } else {
                // Round caps reach half the width past the points; +1 for rounding.
                return grown(box, o.width / 2 + 1);
            }
        },
        object);
}

Box united(const Box& a, const Box& b) {
    return Box{std::min(a.min_x, b.min_x), std::min(a.min_y, b.min_y), std::max(a.max_x, b.max_x),
               std::max(a.max_y, b.max_y)};
}

bool overlaps(const Box& a, const Box& b) {
    return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

std::optional<Box> board_bounds(const Board& board) {
    std::optional<Box> all;
    for (const auto& [z, object] : board.objects_by_z()) {
        const Box b = drawn_bounds(object);
        all = all ? united(*all, b) : b;
    }
    return all;
}

}  // namespace squiggle::client
