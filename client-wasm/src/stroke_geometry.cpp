#include "stroke_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace squiggle::client {

namespace {
std::array<std::uint8_t, 4> channels(Rgba color) {
    return {static_cast<std::uint8_t>(color >> 24), static_cast<std::uint8_t>(color >> 16),
            static_cast<std::uint8_t>(color >> 8), static_cast<std::uint8_t>(color)};
}
}  // namespace

void append_segments(const ShapeOp& shape, std::vector<StrokeSegment>& out) {
    const auto rgba = channels(shape.color);
    const float half_width = static_cast<float>(shape.width) * 0.5f;
    auto segment = [&](float ax, float ay, float bx, float by) {
        out.push_back(StrokeSegment{ax, ay, bx, by, half_width, rgba});
    };
    const float x0 = static_cast<float>(shape.from.x), y0 = static_cast<float>(shape.from.y);
    const float x1 = static_cast<float>(shape.to.x), y1 = static_cast<float>(shape.to.y);
    const bool closed = shape.kind == ShapeKind::kRectangle || shape.kind == ShapeKind::kEllipse;
    if (closed && (shape.fill & 0xFFu) != 0) {
        out.push_back(StrokeSegment{x0, y0, x1, y1,
                                    shape.kind == ShapeKind::kRectangle ? kFillRectangle : kFillEllipse,
                                    channels(shape.fill)});
    }
    switch (shape.kind) {
        case ShapeKind::kLine:
            segment(x0, y0, x1, y1);
            break;
        case ShapeKind::kArrow: {
            segment(x0, y0, x1, y1);
            // Two barbs at the end, 30 degrees off the shaft.
            const float dx = x0 - x1, dy = y0 - y1;
            const float length = std::sqrt(dx * dx + dy * dy);
            if (length > 0) {
                const float head = std::min(length * 0.35f, 16.0f * 16.0f + half_width * 3);
                const float ux = dx / length * head, uy = dy / length * head;
                const float c = 0.8660254f, s = 0.5f;
                segment(x1, y1, x1 + ux * c - uy * s, y1 + ux * s + uy * c);
                segment(x1, y1, x1 + ux * c + uy * s, y1 - ux * s + uy * c);
            }
            break;
        }
        case ShapeKind::kRectangle:
            segment(x0, y0, x1, y0);
            segment(x1, y0, x1, y1);
            segment(x1, y1, x0, y1);
            segment(x0, y1, x0, y0);
            break;
        case ShapeKind::kEllipse: {
            const float cx = (x0 + x1) * 0.5f, cy = (y0 + y1) * 0.5f;
            const float rx = std::abs(x1 - x0) * 0.5f, ry = std::abs(y1 - y0) * 0.5f;
            constexpr int kSides = 72;
            float px = cx + rx, py = cy;
            for (int i = 1; i <= kSides; ++i) {
                const float a = 6.2831853f * static_cast<float>(i) / kSides;
                const float nx = cx + rx * std::cos(a), ny = cy + ry * std::sin(a);
                segment(px, py, nx, ny);
                px = nx;
                py = ny;
            }
            break;
        }
    }
}

void append_segments(const StrokeOp& stroke, std::vector<StrokeSegment>& out) {
    if (stroke.points.empty()) return;
    const auto rgba = channels(stroke.color);
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
