#pragma once
// Partial erase: which parts of a freehand stroke survive an eraser dragged
// along a path. A point is erased when the eraser's disc (of `radius`, plus
// half the stroke's width) covers it; every run of at least two surviving
// consecutive points remains as a piece of its own.
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "squiggle/op.hpp"

namespace squiggle::client {

// The surviving runs as [begin, end) point index ranges, in order.
std::vector<std::pair<std::uint32_t, std::uint32_t>> surviving_runs(const StrokeOp& stroke,
                                                                    const std::vector<Point>& path, double radius);

// The op that cuts `stroke` along `path`, or nullopt when the path misses it.
// `next_id` names each remaining piece.
std::optional<PartialEraseOp> cut_stroke(const StrokeOp& stroke, const std::vector<Point>& path, double radius,
                                         const std::function<ObjectId()>& next_id);

}  // namespace squiggle::client
