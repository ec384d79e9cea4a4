#pragma once
// Turns one pointer gesture into freehand stroke ops: points in model units,
// consecutive duplicates dropped, and a long gesture split into several ops
// that each respect limits::kMaxPointsPerStroke.
#include <cstdint>
#include <functional>
#include <vector>

#include "squiggle/op.hpp"

namespace squiggle::client {

class StrokeBuilder {
public:
    void begin(Point start, Rgba color, std::uint32_t width);
    // Ignored when no gesture is active or `p` repeats the previous point.
    void add(Point p);
    bool active() const { return active_; }

    // The gesture so far (its id is unset): what the screen shows while drawing.
    const StrokeOp& preview() const { return stroke_; }
    // Bumped whenever the preview changes, so a view can skip redundant uploads.
    std::uint64_t revision() const { return revision_; }

    // Ends the gesture and returns its ops in drawing order. Each op after the
    // first starts at the previous op's last point, so the line stays unbroken.
    // `next_id` supplies the object id of each op.
    std::vector<StrokeOp> finish(const std::function<ObjectId()>& next_id);
    void cancel();

private:
    bool active_ = false;
    StrokeOp stroke_;
    std::uint64_t revision_ = 0;
};

// Splits `points` into runs of at most `max_points` (>= 2) points, each run
// starting at the previous run's last point.
std::vector<std::vector<Point>> split_points(const std::vector<Point>& points, std::size_t max_points);

}  // namespace squiggle::client
