#include "squiggle/validate.hpp"

#include <algorithm>
#include <cstdlib>

#include "squiggle/board_id.hpp"

namespace squiggle {
namespace {

bool in_range(std::int64_t v) { return v >= -limits::kMaxCoordinate && v <= limits::kMaxCoordinate; }
bool in_range(const Point& p) { return in_range(p.x) && in_range(p.y); }

Rejection check_width(std::uint32_t width) {
    if (width < limits::kMinWidth || width > limits::kMaxWidth) return "width out of range";
    return std::nullopt;
}

Rejection check_ids(const std::vector<ObjectId>& ids) {
    if (ids.empty()) return "no object ids";
    if (ids.size() > limits::kMaxIdsPerOp) return "too many object ids";
    std::vector<ObjectId> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return "duplicate object id";
    return std::nullopt;
}

struct OpValidator {
    Rejection operator()(const StrokeOp& s) const {
        if (s.points.empty()) return "stroke has no points";
        if (s.points.size() > limits::kMaxPointsPerStroke) return "stroke has too many points";
        if (auto r = check_width(s.width)) return r;
        for (const Point& p : s.points) {
            if (!in_range(p)) return "coordinate out of range";
        }
        return std::nullopt;
    }
    Rejection operator()(const ShapeOp& s) const {
        if (static_cast<std::uint8_t>(s.kind) >= kShapeKindCount) return "unknown shape kind";
        if (!in_range(s.from) || !in_range(s.to)) return "coordinate out of range";
        return check_width(s.width);
    }
    Rejection operator()(const TextOp& t) const {
        if (!in_range(t.position)) return "coordinate out of range";
        if (t.size < limits::kMinTextSize || t.size > limits::kMaxTextSize) return "text size out of range";
        if (t.text.empty()) return "text is empty";
        if (t.text.size() > limits::kMaxTextBytes) return "text too long";
        if (!is_valid_utf8(t.text)) return "text is not valid UTF-8";
        return std::nullopt;
    }
    Rejection operator()(const EraseOp& e) const { return check_ids(e.ids); }
    Rejection operator()(const PartialEraseOp& p) const {
        if (p.pieces.size() > limits::kMaxPiecesPerCut) return "too many pieces";
        std::vector<ObjectId> ids{p.target};
        for (const StrokePiece& piece : p.pieces) {
            if (piece.begin >= piece.end) return "empty piece";
            if (piece.end > limits::kMaxPointsPerStroke) return "piece beyond any stroke";
            ids.push_back(piece.id);
        }
        return check_ids(ids);
    }
    Rejection operator()(const TransformOp& t) const {
        if (auto r = check_ids(t.ids)) return r;
        if (t.origins.size() != t.ids.size()) return "one origin per object id";
        for (const Point& p : t.origins) {
            if (!in_range(p)) return "coordinate out of range";
        }
        if (!in_range(t.dx) || !in_range(t.dy)) return "translation out of range";
        if (!in_range(t.pivot)) return "coordinate out of range";
        if (t.scale < limits::kMinScale || t.scale > limits::kMaxScale) return "scale out of range";
        return std::nullopt;
    }
    Rejection operator()(const StyleOp& s) const {
        if (auto r = check_ids(s.ids)) return r;
        if (!s.color && !s.width && !s.fill) return "style change changes nothing";
        if (s.width) return check_width(*s.width);
        return std::nullopt;
    }
    Rejection operator()(const ClearOp&) const { return std::nullopt; }
    Rejection operator()(const UndoOp&) const { return std::nullopt; }
    Rejection operator()(const RedoOp&) const { return std::nullopt; }
};

}  // namespace

Rejection validate(const Op& op) { return std::visit(OpValidator{}, op); }

Rejection validate_author(const Op& op, std::uint64_t author) {
    for (const ObjectId& id : created_ids(op)) {
        if (id.author != author) return "new object ids must carry your own author id";
    }
    return std::nullopt;
}

Rejection validate(const Hello& hello) {
    if (!is_valid_board_id(hello.board_id)) return "board id must be 22 characters of base64url";
    if (hello.author == 0) return "author id must be non-zero";
    if (!hello.key.empty() && !is_valid_board_id(hello.key)) return "key must be 22 characters of base64url";
    if (hello.name.size() > limits::kMaxNameLength) return "name too long";
    if (!is_valid_utf8(hello.name)) return "name is not valid UTF-8";
    return std::nullopt;
}

Rejection validate(const Cursor& cursor) {
    if (!in_range(cursor.position)) return "coordinate out of range";
    return std::nullopt;
}

Rejection validate(const PresenceUpdate& presence) {
    if (presence.name.size() > limits::kMaxNameLength) return "name too long";
    if (!is_valid_utf8(presence.name)) return "name is not valid UTF-8";
    return std::nullopt;
}

Rejection validate(const Viewport& viewport) {
    if (!in_range(viewport.center)) return "coordinate out of range";
    if (viewport.zoom < limits::kMinScale || viewport.zoom > limits::kMaxScale) return "zoom out of range";
    return std::nullopt;
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (extra >= text.size() - i) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong encodings, surrogates and values past U+10FFFF are invalid.
        static constexpr std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

}  // namespace squiggle
