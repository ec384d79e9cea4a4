#include "pen_tool.hpp"

#include <cmath>

namespace squiggle::client {

Point smooth_toward(Point previous, Point sample) {
    const auto mix = [](std::int32_t from, std::int32_t to) {
        return static_cast<std::int32_t>(std::lround(from + (static_cast<double>(to) - from) * (1.0 - kPenSmoothing)));
    };
    return Point{mix(previous.x, sample.x), mix(previous.y, sample.y)};
}

void PenTool::press(Point p, Modifiers) {
    builder_.begin(p, host_.settings().color, host_.width_units());
    changed();
}

void PenTool::add_point(Point p) {
    const Point last = builder_.preview().points.back();
    const double spacing = kPenMaxSpacingPx * host_.units_per_px();
    const double length = std::hypot(static_cast<double>(p.x) - last.x, static_cast<double>(p.y) - last.y);
    const int steps = static_cast<int>(std::ceil(length / spacing));
    for (int i = 1; i < steps; ++i) {
        const double t = static_cast<double>(i) / steps;
        builder_.add(Point{static_cast<std::int32_t>(std::lround(last.x + (p.x - last.x) * t)),
                           static_cast<std::int32_t>(std::lround(last.y + (p.y - last.y) * t))});
    }
    builder_.add(p);
}

void PenTool::drag(Point p) {
    if (!builder_.active()) return;
    add_point(smooth_toward(builder_.preview().points.back(), p));
    changed();
}

void PenTool::release(Point p) {
    if (!builder_.active()) return;
    add_point(p);
    for (StrokeOp& op : builder_.finish([this] { return host_.next_id(); })) host_.submit(std::move(op));
    changed();
}

void PenTool::cancel() {
    builder_.cancel();
    changed();
}

std::vector<Object> PenTool::preview() const {
    if (!builder_.active()) return {};
    return {builder_.preview()};
}

}  // namespace squiggle::client
