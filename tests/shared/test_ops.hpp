#pragma once
// Builders and random generators of ops for the shared tests.
#include <cstdint>
#include <algorithm>
#include <cmath>
#include <random>

#include "squiggle/board.hpp"
#include "squiggle/object_geometry.hpp"
#include "squiggle/op.hpp"

namespace squiggle::test {

inline std::int32_t coord(std::mt19937_64& rng, std::int32_t range = limits::kMaxCoordinate) {
    return std::uniform_int_distribution<std::int32_t>(-range, range)(rng);
}

inline StrokeOp make_stroke(std::uint64_t author, std::uint64_t counter, std::mt19937_64& rng,
                            std::size_t max_points = 40) {
    StrokeOp s;
    s.id = {author, counter};
    s.color = static_cast<Rgba>(rng());
    s.width = 1 + static_cast<std::uint32_t>(rng() % limits::kMaxWidth);
    const std::size_t n = 1 + rng() % max_points;
    for (std::size_t i = 0; i < n; ++i) s.points.push_back({coord(rng), coord(rng)});
    return s;
}

// A pen path as a mouse or pen reports it, in 1/16 px units: whole-pixel
// positions, one per frame, with direction and speed changing smoothly (a
// hand does not jump), 1 to 12 px between samples.
inline std::vector<Point> pen_path(std::mt19937_64& rng, std::size_t n) {
    std::vector<Point> points;
    double x = coord(rng, 6000), y = coord(rng, 6000), angle = (rng() % 628) / 100.0;
    double speed = 2 + (rng() % 60) / 10.0;  // px per sample
    std::normal_distribution<double> turn(0, 0.12), accelerate(0, 0.4);
    for (std::size_t i = 0; i < n; ++i) {
        angle += turn(rng);
        speed = std::clamp(speed + accelerate(rng), 1.0, 12.0);
        x += speed * std::cos(angle);
        y += speed * std::sin(angle);
        points.push_back({static_cast<std::int32_t>(std::lround(x)) * kUnitsPerPixel,
                          static_cast<std::int32_t>(std::lround(y)) * kUnitsPerPixel});
    }
    return points;
}

inline std::vector<SequencedOp> make_log(std::size_t count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<SequencedOp> log;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t author = 1 + rng() % 4;
        log.push_back({i + 1, author, i + 1, static_cast<std::int64_t>(1700000000000 + i),
                       make_stroke(author, i + 1, rng)});
    }
    return log;
}

// Some live object ids of the board, chosen at random (possibly none).
inline std::vector<ObjectId> pick_ids(const Board& board, std::mt19937_64& rng, std::size_t max) {
    std::vector<ObjectId> ids;
    if (board.object_count() == 0) return ids;
    const std::size_t want = 1 + rng() % max;
    for (std::size_t i = 0; i < want; ++i) {
        auto it = board.objects_by_z().begin();
        std::advance(it, static_cast<long>(rng() % board.object_count()));
        const ObjectId id = id_of(it->second);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
}

// A random, valid op of any kind by `author`, aimed at what `board` (the
// author's view) holds. `counter` supplies fresh object counters.
inline Op random_op(const Board& board, std::uint64_t author, std::uint64_t& counter, std::mt19937_64& rng) {
    const auto kind = rng() % 100;
    auto new_id = [&] { return ObjectId{author, ++counter}; };
    const auto ids = pick_ids(board, rng, 3);
    if (kind < 25 || (ids.empty() && kind < 70)) {
        StrokeOp s{new_id(), static_cast<Rgba>(rng()), 1 + static_cast<std::uint32_t>(rng() % 200),
                   pen_path(rng, 2 + rng() % 30)};
        return s;
    }
    if (kind < 35) {
        ShapeOp s{new_id(), static_cast<ShapeKind>(rng() % kShapeKindCount), {coord(rng, 50000), coord(rng, 50000)},
                  {coord(rng, 50000), coord(rng, 50000)}, static_cast<Rgba>(rng()),
                  1 + static_cast<std::uint32_t>(rng() % 200), static_cast<Rgba>(rng() % 2 ? rng() : 0)};
        return s;
    }
    if (kind < 40) {
        TextOp t{new_id(), {coord(rng, 50000), coord(rng, 50000)}, 16 + static_cast<std::uint32_t>(rng() % 1000),
                 static_cast<Rgba>(rng()), "note " + std::to_string(rng() % 1000)};
        return t;
    }
    if (ids.empty()) return UndoOp{};
    if (kind < 48) return EraseOp{ids};
    if (kind < 56) {
        const Object* target = board.find(ids[0]);
        if (const auto* s = std::get_if<StrokeOp>(target); s && s->points.size() >= 3) {
            // Cut out a middle range: keep up to two pieces.
            const auto n = static_cast<std::uint32_t>(s->points.size());
            const std::uint32_t a = 1 + static_cast<std::uint32_t>(rng() % (n - 2));
            const std::uint32_t b = a + static_cast<std::uint32_t>(rng() % (n - a));
            PartialEraseOp p{ids[0], {}};
            p.pieces.push_back({new_id(), 0, a});
            if (b + 1 < n) p.pieces.push_back({new_id(), b + 1, n});
            return p;
        }
        return EraseOp{{ids[0]}};
    }
    if (kind < 68) {
        TransformOp t{ids, {}, coord(rng, 5000), coord(rng, 5000), {coord(rng, 5000), coord(rng, 5000)},
                      rng() % 3 == 0 ? 512 + static_cast<std::uint32_t>(rng() % 1024) : TransformOp::kScaleOne};
        for (const ObjectId& id : ids) t.origins.push_back(anchor(*board.find(id)));
        return t;
    }
    if (kind < 78) {
        StyleOp s{ids, {}, {}, {}};
        if (rng() % 2) s.color = static_cast<Rgba>(rng());
        if (rng() % 2) s.width = 1 + static_cast<std::uint32_t>(rng() % 300);
        if (rng() % 2 || (!s.color && !s.width)) s.fill = static_cast<Rgba>(rng());
        return s;
    }
    if (kind < 80) return ClearOp{};
    if (kind < 92) return UndoOp{};
    return RedoOp{};
}

}  // namespace squiggle::test
