#pragma once
// Integer geometry on board objects: transforms and bounding boxes. Pure
// integer arithmetic with explicit rounding, so every platform agrees.
#include <cstdint>

#include "squiggle/board.hpp"

namespace squiggle {

struct Box {
    std::int32_t min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

// `object` moved/scaled by `transform`'s pivot, scale and translation (its ids
// and origins are not consulted). Coordinates are clamped to the model's
// range; text size to its bounds.
Object transformed(const Object& object, const TransformOp& transform);

// The point a transform's origin refers to: a stroke's first point, a
// shape's `from`, a text's position.
Point anchor(const Object& object);

// `object` translated so that its anchor is at `origin`.
Object placed_at(const Object& object, Point origin);

// The smallest box holding the object's geometry (stroke width not included).
Box bounds(const Object& object);

}  // namespace squiggle
