#pragma once
// Which objects lie under a point or inside a box, as the user sees them:
// strokes and outlines by their drawn width, filled shapes by their area,
// text by its laid-out box. Distances in model units, in double precision
// (hit testing never changes the board, so it need not be bit-exact).
#include <functional>
#include <optional>
#include <vector>

#include "squiggle/board.hpp"
#include "squiggle/object_geometry.hpp"

namespace squiggle::client {

using TextWidth = std::function<double(const TextOp&)>;

// Distance from `p` to the segment a..b.
double distance_to_segment(Point p, Point a, Point b);

// True when `p` is within `tolerance` of what is drawn for `object`.
bool hits(const Object& object, Point p, double tolerance, const TextWidth& text_width);

// The topmost object under `p`, if any.
std::optional<ObjectId> topmost_hit(const Board& board, Point p, double tolerance, const TextWidth& text_width);

// Every object under `p`, back to front.
std::vector<ObjectId> all_hits(const Board& board, Point p, double tolerance, const TextWidth& text_width);

// The box an object covers on screen (text by its laid-out width).
Box visual_bounds(const Object& object, const TextWidth& text_width);

// The objects whose visual bounds lie entirely inside `box`, back to front.
std::vector<ObjectId> objects_inside(const Board& board, const Box& box, const TextWidth& text_width);

// The box spanned by two corners in any order.
Box box_between(Point a, Point b);

}  // namespace squiggle::client
