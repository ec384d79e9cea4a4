#pragma once
// The event model: logged operations on a board. An Op is what a client
// submits; a SequencedOp is the same op after the server has ordered it.
// docs/PROTOCOL.md gives every field's bounds; docs/UNDO.md the conflict rules.
#include <cereal/types/optional.hpp>
#include <cereal/types/variant.hpp>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "squiggle/bounded_io.hpp"
#include "squiggle/geometry.hpp"
#include "squiggle/limits.hpp"

namespace squiggle {

// Unique without coordination: the author's id and that author's own counter.
struct ObjectId {
    std::uint64_t author = 0;
    std::uint64_t counter = 0;

    friend auto operator<=>(const ObjectId&, const ObjectId&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("author", author));
        varint_field(ar, "counter", counter);
    }
};

// Colour as 0xRRGGBBAA. A fill with alpha 0 means "no fill".
using Rgba = std::uint32_t;

// ---- ops that create an object ----------------------------------------------

// A freehand stroke: a polyline of fixed-point points drawn with a round pen.
struct StrokeOp {
    ObjectId id;
    Rgba color = 0x000000FF;
    std::uint32_t width = 3 * kUnitsPerPixel;
    std::vector<Point> points;

    friend bool operator==(const StrokeOp&, const StrokeOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("id", id), cereal::make_nvp("color", color));
        varint_field(ar, "width", width);
        ar(cereal::make_nvp("points", bounded_points(points, limits::kMaxPointsPerStroke)));
    }
};

enum class ShapeKind : std::uint8_t { kLine = 0, kRectangle = 1, kEllipse = 2, kArrow = 3 };
inline constexpr std::uint8_t kShapeKindCount = 4;

// A geometric shape spanned by two corners (line and arrow: start and end;
// rectangle and ellipse: opposite corners of the bounding box).
struct ShapeOp {
    ObjectId id;
    ShapeKind kind = ShapeKind::kLine;
    Point from;
    Point to;
    Rgba color = 0x000000FF;
    std::uint32_t width = 3 * kUnitsPerPixel;
    Rgba fill = 0;

    friend bool operator==(const ShapeOp&, const ShapeOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("id", id), cereal::make_nvp("kind", kind), cereal::make_nvp("from", from),
           cereal::make_nvp("to", to), cereal::make_nvp("color", color), cereal::make_nvp("width", width),
           cereal::make_nvp("fill", fill));
    }
};

// A line of text whose top-left corner is `position`; `size` is the font's
// em height in model units.
struct TextOp {
    ObjectId id;
    Point position;
    std::uint32_t size = 16 * kUnitsPerPixel;
    Rgba color = 0x000000FF;
    std::string text;

    friend bool operator==(const TextOp&, const TextOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("id", id), cereal::make_nvp("position", position), cereal::make_nvp("size", size),
           cereal::make_nvp("color", color));
        bounded_string(ar, "text", text, limits::kMaxTextBytes);
    }
};

// ---- ops that change existing objects ----------------------------------------

// Removes whole objects.
struct EraseOp {
    std::vector<ObjectId> ids;

    friend bool operator==(const EraseOp&, const EraseOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("ids", bounded(ids, limits::kMaxIdsPerOp)));
    }
};

// One remaining piece of a cut stroke: the target's points [begin, end), as a
// new stroke with its own id.
struct StrokePiece {
    ObjectId id;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    friend bool operator==(const StrokePiece&, const StrokePiece&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("id", id), cereal::make_nvp("begin", begin), cereal::make_nvp("end", end));
    }
};

// The eraser cut a freehand stroke: the target is replaced by the pieces that
// remain (none: it is gone). The client computes the pieces; every replica
// applies them the same way.
struct PartialEraseOp {
    ObjectId target;
    std::vector<StrokePiece> pieces;

    friend bool operator==(const PartialEraseOp&, const PartialEraseOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("target", target),
           cereal::make_nvp("pieces", bounded(pieces, limits::kMaxPiecesPerCut)));
    }
};

// Moves and scales objects. `origins[i]` is where the author saw the anchor
// of `ids[i]` (a stroke's first point, a shape's `from`, a text's position):
// the object is first put back there, so of two concurrent moves the later in
// server order wins. Then p' = pivot + (p - pivot) * scale / 1024 + (dx, dy),
// in integer arithmetic rounding toward negative infinity.
struct TransformOp {
    std::vector<ObjectId> ids;
    std::vector<Point> origins;
    std::int32_t dx = 0;
    std::int32_t dy = 0;
    Point pivot;
    std::uint32_t scale = kScaleOne;  // 1024 = unchanged

    static constexpr std::uint32_t kScaleOne = 1024;

    friend bool operator==(const TransformOp&, const TransformOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("ids", bounded(ids, limits::kMaxIdsPerOp)),
           cereal::make_nvp("origins", bounded_points(origins, limits::kMaxIdsPerOp)), cereal::make_nvp("dx", dx),
           cereal::make_nvp("dy", dy), cereal::make_nvp("pivot", pivot), cereal::make_nvp("scale", scale));
    }
};

// Sets style properties of objects; an absent property is left alone. A
// property an object does not have (fill of a stroke) is ignored for it.
struct StyleOp {
    std::vector<ObjectId> ids;
    std::optional<Rgba> color;
    std::optional<std::uint32_t> width;
    std::optional<Rgba> fill;

    friend bool operator==(const StyleOp&, const StyleOp&) = default;

    template <class Archive>
    void serialize(Archive& ar) {
        ar(cereal::make_nvp("ids", bounded(ids, limits::kMaxIdsPerOp)), cereal::make_nvp("color", color),
           cereal::make_nvp("width", width), cereal::make_nvp("fill", fill));
    }
};

// Removes every object on the board (undoable like any other action).
struct ClearOp {
    friend bool operator==(const ClearOp&, const ClearOp&) = default;
    template <class Archive>
    void serialize(Archive&) {}
};

// Undoes the author's own latest action that still changes something.
struct UndoOp {
    friend bool operator==(const UndoOp&, const UndoOp&) = default;
    template <class Archive>
    void serialize(Archive&) {}
};

// Redoes the author's most recently undone action, unless the author has
// done something new since.
struct RedoOp {
    friend bool operator==(const RedoOp&, const RedoOp&) = default;
    template <class Archive>
    void serialize(Archive&) {}
};

// Every logged op kind. New kinds are appended at the end: the variant index
// is part of the wire format.
using Op = std::variant<StrokeOp, ShapeOp, TextOp, EraseOp, PartialEraseOp, TransformOp, StyleOp, ClearOp,
                        UndoOp, RedoOp>;

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
           cereal::make_nvp("clientOpId", client_op_id), cereal::make_nvp("serverTimeMs", server_time_ms),
           cereal::make_nvp("op", op));
    }
};

// The ids of the objects an op creates (none for ops that only change others).
std::vector<ObjectId> created_ids(const Op& op);

}  // namespace squiggle
