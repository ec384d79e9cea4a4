#pragma once
// The area an object covers when drawn: its geometry's bounding box grown by
// half its line width (strokes and shapes). Zoom-to-fit, culling and the
// exports all need the ink's extent, not just the points'.
#include <optional>

#include "squiggle/board.hpp"
#include "squiggle/object_geometry.hpp"

namespace squiggle::client {

Box drawn_bounds(const Object& object);

// The union of two boxes.
Box united(const Box& a, const Box& b);
// True when the boxes share at least one point (edges included).
bool overlaps(const Box& a, const Box& b);

// Every object's drawn bounds together; nullopt for an empty board.
std::optional<Box> board_bounds(const Board& board);

}  // namespace squiggle::client
