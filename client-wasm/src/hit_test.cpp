#include "hit_test.hpp"

#include <algorithm>
#include <cmath>

namespace squiggle::client {
namespace {

double distance(double ax, double ay, double bx, double by) {
    return std::hypot(ax - bx, ay - by);
}

bool shape_hit(const ShapeOp& shape, Point p, double tolerance) {
    const double reach = tolerance + shape.width * 0.5;
    const double x0 = std::min(shape.from.x, shape.to.x), x1 = std::max(shape.from.x, shape.to.x);
    const double y0 = std::min(shape.from.y, shape.to.y), y1 = std::max(shape.from.y, shape.to.y);
    const bool filled = (shape.fill & 0xFFu) != 0;
    switch (shape.kind) {
        case ShapeKind::kLine:
        case ShapeKind::kArrow:
            return distance_to_segment(p, shape.from, shape.to) <= reach;
        case ShapeKind::kRectangle: {
            const bool inside = p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1;
            if (filled && inside) return true;
            const Point corners[4] = {{static_cast<std::int32_t>(x0), static_cast<std::int32_t>(y0)},
                                      {static_cast<std::int32_t>(x1), static_cast<std::int32_t>(y0)},
                                      {static_cast<std::int32_t>(x1), static_cast<std::int32_t>(y1)},
                                      {static_cast<std::int32_t>(x0), static_cast<std::int32_t>(y1)}};
            for (int i = 0; i < 4; ++i) {
                if (distance_to_segment(p, corners[i], corners[(i + 1) % 4]) <= reach) return true;
            }
            return false;
        }
        case ShapeKind::kEllipse: {
            const double cx = (x0 + x1) * 0.5, cy = (y0 + y1) * 0.5;
            const double rx = std::max((x1 - x0) * 0.5, 1.0), ry = std::max((y1 - y0) * 0.5, 1.0);
            const double nx = (p.x - cx) / rx, ny = (p.y - cy) / ry;
            const double r = std::sqrt(nx * nx + ny * ny);
            if (filled && r <= 1.0) return true;
            // Distance to the outline, approximated along the ray from the centre.
            const double along = std::hypot(p.x - cx, p.y - cy);
            const double gap = r > 0 ? std::abs(along - along / r) : std::min(rx, ry);
            return gap <= reach;
        }
    }
    return false;
}

}  // namespace

double distance_to_segment(Point p, Point a, Point b) {
    const double dx = static_cast<double>(b.x) - a.x, dy = static_cast<double>(b.y) - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((static_cast<double>(p.x) - a.x) * dx + (static_cast<double>(p.y) - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return distance(p.x, p.y, a.x + dx * t, a.y + dy * t);
}

Box box_between(Point a, Point b) {
    return Box{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
}

Box visual_bounds(const Object& object, const TextWidth& text_width) {
    if (const auto* text = std::get_if<TextOp>(&object)) {
        const double width = text_width ? text_width(*text) : 0.0;
        return Box{text->position.x, text->position.y,
                   static_cast<std::int32_t>(text->position.x + std::lround(width)),
                   static_cast<std::int32_t>(text->position.y + static_cast<std::int64_t>(text->size))};
    }
    return bounds(object);
}

bool hits(const Object& object, Point p, double tolerance, const TextWidth& text_width) {
    if (const auto* stroke = std::get_if<StrokeOp>(&object)) {
        const double reach = tolerance + stroke->width * 0.5;
        const auto& pts = stroke->points;
        if (pts.size() == 1) return distance_to_segment(p, pts[0], pts[0]) <= reach;
        for (std::size_t i = 1; i < pts.size(); ++i) {
            if (distance_to_segment(p, pts[i - 1], pts[i]) <= reach) return true;
        }
        return false;
    }
    if (const auto* shape = std::get_if<ShapeOp>(&object)) return shape_hit(*shape, p, tolerance);
    const Box box = visual_bounds(object, text_width);
    return p.x >= box.min_x - tolerance && p.x <= box.max_x + tolerance && p.y >= box.min_y - tolerance &&
           p.y <= box.max_y + tolerance;
}

std::optional<ObjectId> topmost_hit(const Board& board, Point p, double tolerance, const TextWidth& text_width) {
    const auto& objects = board.objects_by_z();
    for (auto it = objects.rbegin(); it != objects.rend(); ++it) {
        if (hits(it->second, p, tolerance, text_width)) return id_of(it->second);
    }
    return std::nullopt;
}

std::vector<ObjectId> all_hits(const Board& board, Point p, double tolerance, const TextWidth& text_width) {
    std::vector<ObjectId> out;
    for (const auto& [z, object] : board.objects_by_z()) {
        if (hits(object, p, tolerance, text_width)) out.push_back(id_of(object));
    }
    return out;
}

std::vector<ObjectId> objects_inside(const Board& board, const Box& box, const TextWidth& text_width) {
    std::vector<ObjectId> out;
    for (const auto& [z, object] : board.objects_by_z()) {
        const Box b = visual_bounds(object, text_width);
        if (b.min_x >= box.min_x && b.max_x <= box.max_x && b.min_y >= box.min_y && b.max_y <= box.max_y) {
            out.push_back(id_of(object));
        }
    }
    return out;
}

}  // namespace squiggle::client
