#include "eraser_tool.hpp"

#include <algorithm>
#include <cmath>

#include "hit_test.hpp"
#include "stroke_cutter.hpp"

namespace squiggle::client {

double EraserTool::radius() const {
    // Never thinner than a finger-friendly 12 px across.
    return std::max(12.0, static_cast<double>(host_.settings().width_px)) * 0.5 * host_.units_per_px();
}

void EraserTool::press(Point p, Modifiers) {
    active_ = true;
    path_.clear();
    touched_.clear();
    extend(p);
}

void EraserTool::drag(Point p) {
    if (active_) extend(p);
}

void EraserTool::release(Point p) {
    if (!active_) return;
    extend(p);
    std::vector<Op> out = ops([this] { return host_.next_id(); });
    cancel();
    for (Op& op : out) host_.submit(std::move(op));
}

void EraserTool::cancel() {
    active_ = false;
    path_.clear();
    touched_.clear();
    provisional_.clear();
    changed();
}

void EraserTool::extend(Point p) {
    if (!path_.empty() && path_.back() == p) return;
    const Point previous = path_.empty() ? p : path_.back();
    path_.push_back(p);
    const bool partial = host_.settings().partial_erase;
    const double r = radius();
    // Samples along the new segment, closer than the radius, so a fast drag
    // does not jump over thin objects.
    const double length = std::hypot(static_cast<double>(p.x) - previous.x, static_cast<double>(p.y) - previous.y);
    const int steps = std::max(1, static_cast<int>(std::ceil(length / r)));
    const TextWidth width = [this](const TextOp& t) { return host_.text_width(t); };
    for (int i = 1; i <= steps; ++i) {
        const double t = static_cast<double>(i) / steps;
        const Point sample{static_cast<std::int32_t>(std::lround(previous.x + (p.x - previous.x) * t)),
                           static_cast<std::int32_t>(std::lround(previous.y + (p.y - previous.y) * t))};
        for (const ObjectId& id : all_hits(host_.board(), sample, r, width)) {
            const Object* object = host_.board().find(id);
            if (partial && object && std::holds_alternative<StrokeOp>(*object)) continue;
            touched_.insert(id);
        }
    }
    // Previews name cut pieces with ids nobody uses (author 0); the real ids
    // are taken on release.
    std::uint64_t preview_counter = 0;
    provisional_ = ops([&] { return ObjectId{0, ++preview_counter}; });
    changed();
}

std::vector<Op> EraserTool::ops(const std::function<ObjectId()>& next_id) {
    std::vector<Op> out;
    if (!touched_.empty()) out.push_back(EraseOp{std::vector<ObjectId>(touched_.begin(), touched_.end())});
    if (!host_.settings().partial_erase) return out;
    const double r = radius();
    Box reach = box_between(path_.front(), path_.front());
    for (const Point& p : path_) {
        reach.min_x = std::min(reach.min_x, p.x);
        reach.min_y = std::min(reach.min_y, p.y);
        reach.max_x = std::max(reach.max_x, p.x);
        reach.max_y = std::max(reach.max_y, p.y);
    }
    for (const auto& [z, object] : host_.board().objects_by_z()) {
        const auto* stroke = std::get_if<StrokeOp>(&object);
        if (!stroke) continue;
        // Skip strokes nowhere near the path before looking at their points.
        const Box b = bounds(object);
        const double margin = r + stroke->width * 0.5;
        if (b.max_x + margin < reach.min_x || b.min_x - margin > reach.max_x || b.max_y + margin < reach.min_y ||
            b.min_y - margin > reach.max_y) {
            continue;
        }
        if (auto cut = cut_stroke(*stroke, path_, r, next_id)) out.push_back(std::move(*cut));
    }
    return out;
}

}  // namespace squiggle::client
