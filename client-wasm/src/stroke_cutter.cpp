#include "stroke_cutter.hpp"

#include "hit_test.hpp"

namespace squiggle::client {
namespace {

double distance_to_path(Point p, const std::vector<Point>& path) {
    if (path.size() == 1) return distance_to_segment(p, path[0], path[0]);
    double best = 1e300;
    for (std::size_t i = 1; i < path.size(); ++i) best = std::min(best, distance_to_segment(p, path[i - 1], path[i]));
    return best;
}

}  // namespace

std::vector<std::pair<std::uint32_t, std::uint32_t>> surviving_runs(const StrokeOp& stroke,
                                                                    const std::vector<Point>& path, double radius) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;
    if (path.empty()) {
        runs.emplace_back(0u, static_cast<std::uint32_t>(stroke.points.size()));
        return runs;
    }
    const double reach = radius + stroke.width * 0.5;
    const auto n = static_cast<std::uint32_t>(stroke.points.size());
    std::uint32_t begin = 0;
    for (std::uint32_t i = 0; i <= n; ++i) {
        const bool erased = i == n || distance_to_path(stroke.points[i], path) <= reach;
        if (!erased) continue;
        // A lone point left between two cuts would show as a stray dot.
        if (i - begin >= 2 || (begin == 0 && i == n)) runs.emplace_back(begin, i);
        begin = i + 1;
    }
    return runs;
}

std::optional<PartialEraseOp> cut_stroke(const StrokeOp& stroke, const std::vector<Point>& path, double radius,
                                         const std::function<ObjectId()>& next_id) {
    const auto runs = surviving_runs(stroke, path, radius);
    if (runs.size() == 1 && runs[0].first == 0 && runs[0].second == stroke.points.size()) return std::nullopt;
    PartialEraseOp op;
    op.target = stroke.id;
    for (const auto& [begin, end] : runs) op.pieces.push_back(StrokePiece{next_id(), begin, end});
    return op;
}

}  // namespace squiggle::client
