#pragma once
// The event model: logged operations on a board. An Op is what a client
// submits; a SequencedOp is the same op after the server has ordered it.
#include <cereal/types/variant.hpp>
#include <compare>
#include <cstdint>
#include <variant>
#include <vector>

#include "squiggle/bounded_io.hpp"
#include "squiggle/geometry.hpp"
#include "squiggle/limits.hpp"

namespace squiggle {

// Unique without coordination: the author's id (assigned by the server when the
// author connects) and that author's own counter.
struct ObjectId {
    std::uint64_t author = 0;
    std::uint64_t counter = 0;

    friend auto operator<=>(const ObjectId&, const ObjectId&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("author", author), cereal::make_nvp("counter", counter));
    }
};

// Colour as 0xRRGGBBAA.
using Rgba = std::uint32_t;

// A freehand stroke: a polyline of fixed-point points drawn with a round pen.
struct StrokeOp {
    ObjectId id;
    Rgba color = 0x000000FF;
    std::uint32_t width = 3 * kUnitsPerPixel;
    std::vector<Point> points;

    friend bool operator==(const StrokeOp&, const StrokeOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("id", id), cereal::make_nvp("color", color),
           cereal::make_nvp("width", width),
           cereal::make_nvp("points", bounded(points, limits::kMaxPointsPerStroke)));
    }
};

// Every logged op kind. New kinds are appended at the end: the variant index is
// part of the wire format.
using Op = std::variant<StrokeOp>;

// An op as the server ordered it: `seq` is the board's gap-free sequence number
// (1, 2, 3, ...); `author` is stamped by the server, never taken from the client.
struct SequencedOp {
    std::uint64_t seq = 0;
    std::uint64_t author = 0;
    std::uint64_t client_op_id = 0;
    std::int64_t server_time_ms = 0;
    Op op;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("seq", seq), cereal::make_nvp("author", author),
           cereal::make_nvp("clientOpId", client_op_id),
           cereal::make_nvp("serverTimeMs", server_time_ms), cereal::make_nvp("op", op));
    }
};

}  // namespace squiggle
