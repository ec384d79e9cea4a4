#include "stroke_builder.hpp"

#include <algorithm>

#include "squiggle/limits.hpp"

namespace squiggle::client {

void StrokeBuilder::begin(Point start, Rgba color, std::uint32_t width) {
    stroke_ = StrokeOp{};
    stroke_.color = color;
    stroke_.width = width;
    stroke_.points.push_back(start);
    active_ = true;
    ++revision_;
}

void StrokeBuilder::add(Point p) {
    if (!active_ || stroke_.points.back() == p) return;
    stroke_.points.push_back(p);
    ++revision_;
}

std::vector<StrokeOp> StrokeBuilder::finish(const std::function<ObjectId()>& next_id) {
    std::vector<StrokeOp> ops;
    if (!active_) return ops;
    for (std::vector<Point>& run : split_points(stroke_.points, limits::kMaxPointsPerStroke)) {
        StrokeOp op;
        op.id = next_id();
        op.color = stroke_.color;
        op.width = stroke_.width;
        op.points = std::move(run);
        ops.push_back(std::move(op));
    }
    cancel();
    return ops;
}

void StrokeBuilder::cancel() {
    active_ = false;
    stroke_.points.clear();
    ++revision_;
}

std::vector<std::vector<Point>> split_points(const std::vector<Point>& points, std::size_t max_points) {
    std::vector<std::vector<Point>> runs;
    if (points.empty() || max_points < 2) return runs;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = std::min(points.size(), start + max_points);
        runs.emplace_back(points.begin() + static_cast<std::ptrdiff_t>(start),
                          points.begin() + static_cast<std::ptrdiff_t>(end));
        if (end == points.size()) break;
        start = end - 1;  // overlap one point: the next run continues the line
    }
    return runs;
}

}  // namespace squiggle::client
