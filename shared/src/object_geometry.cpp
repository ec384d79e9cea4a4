#include "squiggle/object_geometry.hpp"

#include <algorithm>

namespace squiggle {
namespace {

// Division rounding toward negative infinity (C++ truncates toward zero).
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::int32_t clamp_coordinate(std::int64_t v) {
    return static_cast<std::int32_t>(std::clamp<std::int64_t>(v, -limits::kMaxCoordinate, limits::kMaxCoordinate));
}

struct Mapper {
    Point pivot;
    std::int64_t scale;
    std::int64_t dx, dy;

    std::int32_t map(std::int32_t v, std::int32_t p, std::int64_t d) const {
        return clamp_coordinate(p + floor_div((std::int64_t{v} - p) * scale, 1024) + d);
    }
    Point operator()(Point q) const { return {map(q.x, pivot.x, dx), map(q.y, pivot.y, dy)}; }
    std::uint32_t size(std::uint32_t s) const {
        return static_cast<std::uint32_t>(
            std::clamp<std::int64_t>(floor_div(std::int64_t{s} * scale, 1024), limits::kMinTextSize, limits::kMaxTextSize));
    }
};

Object mapped(const Object& object, const Mapper& m) {
    Object out = object;
    std::visit(
        [&](auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, StrokeOp>) {
                for (Point& p : o.points) p = m(p);
            } else if constexpr (std::is_same_v<T, ShapeOp>) {
                o.from = m(o.from);
                o.to = m(o.to);
            } else {
                o.position = m(o.position);
                if (m.scale != TransformOp::kScaleOne) o.size = m.size(o.size);
            }
        },
        out);
    return out;
}

}  // namespace

Object transformed(const Object& object, const TransformOp& transform) {
    return mapped(object, Mapper{transform.pivot, transform.scale, transform.dx, transform.dy});
}

Point anchor(const Object& object) {
    return std::visit(
        [](const auto& o) -> Point {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, StrokeOp>) {
                return o.points.empty() ? Point{} : o.points.front();
            } else if constexpr (std::is_same_v<T, ShapeOp>) {
                return o.from;
            } else {
                return o.position;
            }
        },
        object);
}

Object placed_at(const Object& object, Point origin) {
    const Point a = anchor(object);
    if (a == origin) return object;
    return mapped(object, Mapper{{}, TransformOp::kScaleOne, std::int64_t{origin.x} - a.x, std::int64_t{origin.y} - a.y});
}

Box bounds(const Object& object) {
    Box b{INT32_MAX, INT32_MAX, INT32_MIN, INT32_MIN};
    auto add = [&](Point p) {
        b.min_x = std::min(b.min_x, p.x);
        b.min_y = std::min(b.min_y, p.y);
        b.max_x = std::max(b.max_x, p.x);
        b.max_y = std::max(b.max_y, p.y);
    };
    std::visit(
        [&](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, StrokeOp>) {
                for (Point p : o.points) add(p);
            } else if constexpr (std::is_same_v<T, ShapeOp>) {
                add(o.from);
                add(o.to);
            } else {
                // Text extent is font-dependent; the model knows only its anchor
                // and em size: one em per byte wide is a safe over-estimate.
                add(o.position);
                add({clamp_coordinate(std::int64_t{o.position.x} + std::int64_t{o.size} * std::int64_t(o.text.size())),
                     clamp_coordinate(std::int64_t{o.position.y} + o.size)});
            }
        },
        object);
    if (b.min_x > b.max_x) b = {};
    return b;
}

}  // namespace squiggle
