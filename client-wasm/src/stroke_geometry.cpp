#include "stroke_geometry.hpp"

namespace squiggle::client {

void append_segments(const StrokeOp& stroke, std::vector<StrokeSegment>& out) {
    if (stroke.points.empty()) return;
    const std::array<std::uint8_t, 4> rgba{
        static_cast<std::uint8_t>(stroke.color >> 24), static_cast<std::uint8_t>(stroke.color >> 16),
        static_cast<std::uint8_t>(stroke.color >> 8), static_cast<std::uint8_t>(stroke.color)};
    const float half_width = static_cast<float>(stroke.width) * 0.5f;
    auto segment = [&](const Point& a, const Point& b) {
        out.push_back(StrokeSegment{static_cast<float>(a.x), static_cast<float>(a.y),
                                      static_cast<float>(b.x), static_cast<float>(b.y), half_width, rgba});
    };
    if (stroke.points.size() == 1) {
        segment(stroke.points[0], stroke.points[0]);
        return;
    }
    for (std::size_t i = 1; i < stroke.points.size(); ++i) segment(stroke.points[i - 1], stroke.points[i]);
}

}  // namespace squiggle::client
