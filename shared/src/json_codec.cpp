#include "json_codec.hpp"

#include "squiggle/base64.hpp"

#include <cereal/archives/json.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

namespace squiggle::json {
namespace {

using Out = cereal::JSONOutputArchive;
using In = cereal::JSONInputArchive;

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// ---- scalar conversions ------------------------------------------------------

double to_px(std::int64_t units) { return static_cast<double>(units) / kUnitsPerPixel; }

// Pixels (any JSON number) to model units: finite, in range, rounded to nearest.
std::int32_t to_units(double px, std::int64_t limit, const char* what) {
    if (!std::isfinite(px)) throw DecodeError(std::string(what) + ": not a finite number");
    const double units = std::nearbyint(px * kUnitsPerPixel);
    if (units < -static_cast<double>(limit) || units > static_cast<double>(limit)) {
        throw DecodeError(std::string(what) + ": out of range");
    }
    return static_cast<std::int32_t>(units);
}

std::string color_string(Rgba c) {
    char buf[10];
    std::snprintf(buf, sizeof buf, "#%08x", c);
    return buf;
}

// "#rgb", "#rrggbb" (opaque) or "#rrggbbaa".
Rgba parse_color(const std::string& s) {
    auto hex = [&](char c) -> std::uint32_t {
        if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0');
        if (c >= 'a' && c <= 'f') return static_cast<std::uint32_t>(c - 'a' + 10);
        if (c >= 'A' && c <= 'F') return static_cast<std::uint32_t>(c - 'A' + 10);
        throw DecodeError("colour must be #rgb, #rrggbb or #rrggbbaa");
    };
    if (s.empty() || s[0] != '#') throw DecodeError("colour must be #rgb, #rrggbb or #rrggbbaa");
    std::uint32_t v = 0;
    if (s.size() == 4) {
        for (int i = 1; i <= 3; ++i) v = (v << 8) | (hex(s[i]) * 17);
        return (v << 8) | 0xFF;
    }
    if (s.size() != 7 && s.size() != 9) throw DecodeError("colour must be #rgb, #rrggbb or #rrggbbaa");
    for (std::size_t i = 1; i < s.size(); ++i) v = (v << 4) | hex(s[i]);
    return s.size() == 7 ? (v << 8) | 0xFF : v;
}

std::uint64_t parse_u64(const std::string& s, const char* what) {
    if (s.empty() || s.size() > 20) throw DecodeError(std::string(what) + ": expected a decimal string");
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') throw DecodeError(std::string(what) + ": expected a decimal string");
        const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
        if (v > (UINT64_MAX - d) / 10) throw DecodeError(std::string(what) + ": too large");
        v = v * 10 + d;
    }
    return v;
}

std::string id_string(const ObjectId& id) { return std::to_string(id.author) + ":" + std::to_string(id.counter); }

ObjectId parse_id(const std::string& s) {
    const auto colon = s.find(':');
    if (colon == std::string::npos) throw DecodeError("object id must be \"author:counter\"");
    return {parse_u64(s.substr(0, colon), "object id"), parse_u64(s.substr(colon + 1), "object id")};
}

// ---- field helpers -------------------------------------------------------------

template <class T>
T field(In& ar, const char* name) {
    T value{};
    ar(cereal::make_nvp(name, value));
    return value;
}

// An optional field: absent (or of another type) reads as false.
template <class T>
bool maybe_field(In& ar, const char* name, T& value) {
    try {
        ar(cereal::make_nvp(name, value));
        return true;
    } catch (const cereal::Exception&) {
        return false;
    }
}

void put_point(Out& ar, const char* name, Point p) {
    ar.setNextName(name);
    ar.startNode();
    ar.makeArray();
    ar(to_px(p.x), to_px(p.y));
    ar.finishNode();
}

Point get_point(In& ar, const char* name) {
    ar.setNextName(name);
    ar.startNode();
    cereal::size_type n = 0;
    ar.loadSize(n);
    if (n != 2) throw DecodeError(std::string(name) + ": a point is [x, y]");
    double x = 0, y = 0;
    ar(x, y);
    ar.finishNode();
    return {to_units(x, limits::kMaxCoordinate, name), to_units(y, limits::kMaxCoordinate, name)};
}

void put_point_list(Out& ar, const char* name, const std::vector<Point>& points) {
    ar.setNextName(name);
    ar.startNode();
    ar.makeArray();
    for (Point p : points) {
        ar.startNode();
        ar.makeArray();
        ar(to_px(p.x), to_px(p.y));
        ar.finishNode();
    }
    ar.finishNode();
}

std::vector<Point> get_point_list(In& ar, const char* name, std::size_t max) {
    ar.setNextName(name);
    ar.startNode();
    cereal::size_type n = 0;
    ar.loadSize(n);
    if (n > max) throw DecodeError(std::string(name) + ": too many points");
    std::vector<Point> points;
    points.reserve(n);
    for (cereal::size_type i = 0; i < n; ++i) {
        ar.startNode();
        cereal::size_type k = 0;
        ar.loadSize(k);
        if (k != 2) throw DecodeError(std::string(name) + ": a point is [x, y]");
        double x = 0, y = 0;
        ar(x, y);
        ar.finishNode();
        points.push_back({to_units(x, limits::kMaxCoordinate, name), to_units(y, limits::kMaxCoordinate, name)});
    }
    ar.finishNode();
    return points;
}

void put_ids(Out& ar, const char* name, const std::vector<ObjectId>& ids) {
    std::vector<std::string> strings;
    for (const ObjectId& id : ids) strings.push_back(id_string(id));
    ar.setNextName(name);
    ar.startNode();
    ar.makeArray();
    for (const std::string& s : strings) ar(s);
    ar.finishNode();
}

std::vector<ObjectId> get_ids(In& ar, const char* name) {
    ar.setNextName(name);
    ar.startNode();
    cereal::size_type n = 0;
    ar.loadSize(n);
    if (n > limits::kMaxIdsPerOp) throw DecodeError("too many object ids");
    std::vector<ObjectId> ids;
    for (cereal::size_type i = 0; i < n; ++i) {
        std::string s;
        ar(s);
        ids.push_back(parse_id(s));
    }
    ar.finishNode();
    return ids;
}

void put_color(Out& ar, const char* name, Rgba c) { ar(cereal::make_nvp(name, color_string(c))); }
Rgba get_color(In& ar, const char* name) { return parse_color(field<std::string>(ar, name)); }

double width_px(std::uint32_t w) { return to_px(w); }
std::uint32_t get_width(In& ar, const char* name) {
    const std::int32_t w = to_units(field<double>(ar, name), limits::kMaxWidth + 1, name);
    if (w < 0) throw DecodeError(std::string(name) + ": out of range");
    return static_cast<std::uint32_t>(w);
}

std::string get_string(In& ar, const char* name, std::size_t max) {
    std::string s = field<std::string>(ar, name);
    if (s.size() > max) throw DecodeError(std::string(name) + ": too long");
    return s;
}

constexpr const char* kShapeNames[] = {"line", "rectangle", "ellipse", "arrow"};

// ---- ops ------------------------------------------------------------------------

// Writes the op's "type" and fields into the current JSON object.
void put_op(Out& ar, const Op& op) {
    auto type = [&](const char* t) { ar(cereal::make_nvp("type", std::string(t))); };
    std::visit(Overloaded{
                   [&](const StrokeOp& s) {
                       type("STROKE");
                       ar(cereal::make_nvp("id", id_string(s.id)));
                       put_color(ar, "color", s.color);
                       ar(cereal::make_nvp("width", width_px(s.width)));
                       put_point_list(ar, "points", s.points);
                   },
                   [&](const ShapeOp& s) {
                       type("SHAPE");
                       ar(cereal::make_nvp("id", id_string(s.id)));
                       ar(cereal::make_nvp("shape", std::string(kShapeNames[static_cast<int>(s.kind) % 4])));
                       put_point(ar, "from", s.from);
                       put_point(ar, "to", s.to);
                       put_color(ar, "color", s.color);
                       ar(cereal::make_nvp("width", width_px(s.width)));
                       put_color(ar, "fill", s.fill);
                   },
                   [&](const TextOp& t) {
                       type("TEXT");
                       ar(cereal::make_nvp("id", id_string(t.id)));
                       put_point(ar, "position", t.position);
                       ar(cereal::make_nvp("size", to_px(t.size)));
                       put_color(ar, "color", t.color);
                       ar(cereal::make_nvp("text", t.text));
                   },
                   [&](const EraseOp& e) {
                       type("ERASE");
                       put_ids(ar, "ids", e.ids);
                   },
                   [&](const PartialEraseOp& p) {
                       type("PARTIAL_ERASE");
                       ar(cereal::make_nvp("target", id_string(p.target)));
                       ar.setNextName("pieces");
                       ar.startNode();
                       ar.makeArray();
                       for (const StrokePiece& piece : p.pieces) {
                           ar.startNode();
                           ar(cereal::make_nvp("id", id_string(piece.id)), cereal::make_nvp("begin", piece.begin),
                              cereal::make_nvp("end", piece.end));
                           ar.finishNode();
                       }
                       ar.finishNode();
                   },
                   [&](const TransformOp& t) {
                       type("TRANSFORM");
                       put_ids(ar, "ids", t.ids);
                       put_point_list(ar, "origins", t.origins);
                       ar(cereal::make_nvp("dx", to_px(t.dx)), cereal::make_nvp("dy", to_px(t.dy)));
                       put_point(ar, "pivot", t.pivot);
                       ar(cereal::make_nvp("scale", static_cast<double>(t.scale) / TransformOp::kScaleOne));
                   },
                   [&](const StyleOp& s) {
                       type("STYLE");
                       put_ids(ar, "ids", s.ids);
                       if (s.color) put_color(ar, "color", *s.color);
                       if (s.width) ar(cereal::make_nvp("width", width_px(*s.width)));
                       if (s.fill) put_color(ar, "fill", *s.fill);
                   },
                   [&](const ClearOp&) { type("CLEAR"); },
                   [&](const UndoOp&) { type("UNDO"); },
                   [&](const RedoOp&) { type("REDO"); },
               },
               op);
}

// An id that a JSON client may leave out: {0, 0} asks the server to assign one.
ObjectId get_optional_id(In& ar) {
    std::string s;
    return maybe_field(ar, "id", s) ? parse_id(s) : ObjectId{};
}

// Reads an op of kind `type` from the current JSON object; false if `type`
// names no op.
bool get_op(In& ar, const std::string& type, Op& op) {
    if (type == "STROKE" || type == "DRAW_LINE") {
        // DRAW_LINE is the original design's event; its userId and timestamp
        // are ignored: the server stamps author and order itself.
        StrokeOp s;
        s.id = get_optional_id(ar);
        std::string color;
        s.color = maybe_field(ar, "color", color) ? parse_color(color) : 0x000000FF;
        double width = 3;
        maybe_field(ar, "width", width);
        const std::int32_t w = to_units(width, limits::kMaxWidth + 1, "width");
        s.width = static_cast<std::uint32_t>(std::max(w, 0));
        s.points = get_point_list(ar, "points", limits::kMaxPointsPerStroke);
        op = std::move(s);
    } else if (type == "SHAPE") {
        ShapeOp s;
        s.id = get_optional_id(ar);
        const std::string shape = field<std::string>(ar, "shape");
        bool known = false;
        for (std::uint8_t k = 0; k < kShapeKindCount; ++k) {
            if (shape == kShapeNames[k]) {
                s.kind = static_cast<ShapeKind>(k);
                known = true;
            }
        }
        if (!known) throw DecodeError("unknown shape '" + shape + "'");
        s.from = get_point(ar, "from");
        s.to = get_point(ar, "to");
        s.color = get_color(ar, "color");
        s.width = get_width(ar, "width");
        std::string fill;
        s.fill = maybe_field(ar, "fill", fill) ? parse_color(fill) : 0;
        op = std::move(s);
    } else if (type == "TEXT") {
        TextOp t;
        t.id = get_optional_id(ar);
        t.position = get_point(ar, "position");
        const std::int32_t size = to_units(field<double>(ar, "size"), limits::kMaxTextSize + 1, "size");
        t.size = static_cast<std::uint32_t>(std::max(size, 0));
        t.color = get_color(ar, "color");
        t.text = get_string(ar, "text", limits::kMaxTextBytes);
        op = std::move(t);
    } else if (type == "ERASE") {
        op = EraseOp{get_ids(ar, "ids")};
    } else if (type == "PARTIAL_ERASE") {
        PartialEraseOp p;
        p.target = parse_id(field<std::string>(ar, "target"));
        ar.setNextName("pieces");
        ar.startNode();
        cereal::size_type n = 0;
        ar.loadSize(n);
        if (n > limits::kMaxPiecesPerCut) throw DecodeError("too many pieces");
        for (cereal::size_type i = 0; i < n; ++i) {
            ar.startNode();
            StrokePiece piece;
            piece.id = parse_id(field<std::string>(ar, "id"));
            piece.begin = field<std::uint32_t>(ar, "begin");
            piece.end = field<std::uint32_t>(ar, "end");
            ar.finishNode();
            p.pieces.push_back(piece);
        }
        ar.finishNode();
        op = std::move(p);
    } else if (type == "TRANSFORM") {
        TransformOp t;
        t.ids = get_ids(ar, "ids");
        t.origins = get_point_list(ar, "origins", limits::kMaxIdsPerOp);
        double dx = 0, dy = 0, scale = 1;
        maybe_field(ar, "dx", dx);
        maybe_field(ar, "dy", dy);
        t.dx = to_units(dx, limits::kMaxCoordinate, "dx");
        t.dy = to_units(dy, limits::kMaxCoordinate, "dy");
        try {
            t.pivot = get_point(ar, "pivot");
        } catch (const cereal::Exception&) {
            t.pivot = {};
        }
        maybe_field(ar, "scale", scale);
        if (!std::isfinite(scale) || scale <= 0 || scale > 64) throw DecodeError("scale out of range");
        t.scale = static_cast<std::uint32_t>(std::nearbyint(scale * TransformOp::kScaleOne));
        op = std::move(t);
    } else if (type == "STYLE") {
        StyleOp s;
        s.ids = get_ids(ar, "ids");
        std::string color, fill;
        double width = 0;
        if (maybe_field(ar, "color", color)) s.color = parse_color(color);
        if (maybe_field(ar, "fill", fill)) s.fill = parse_color(fill);
        if (maybe_field(ar, "width", width)) {
            s.width = static_cast<std::uint32_t>(std::max(to_units(width, limits::kMaxWidth + 1, "width"), 0));
        }
        op = std::move(s);
    } else if (type == "CLEAR") {
        op = ClearOp{};
    } else if (type == "UNDO") {
        op = UndoOp{};
    } else if (type == "REDO") {
        op = RedoOp{};
    } else {
        return false;
    }
    return true;
}

// ---- envelopes ---------------------------------------------------------------

void put_version(Out& ar) {
    ar(cereal::make_nvp("version", kProtocolVersion), cereal::make_nvp("minCompatible", kMinCompatibleVersion));
}

// The version fields are optional in JSON; when present they are checked.
void check_version(In& ar) {
    std::uint16_t min_compatible = kMinCompatibleVersion;
    maybe_field(ar, "minCompatible", min_compatible);
    if (min_compatible > kProtocolVersion) {
        throw VersionError("peer requires protocol version " + std::to_string(min_compatible));
    }
}

template <class F>
std::string write(F&& body) {
    std::ostringstream out;
    {
        Out ar(out, Out::Options::NoIndent());
        body(ar);
    }
    std::string s = std::move(out).str();
    // NoIndent still breaks lines and pads; one compact line per message.
    std::string compact;
    compact.reserve(s.size());
    bool in_string = false, escaped = false;
    for (char c : s) {
        if (in_string) {
            compact.push_back(c);
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
            compact.push_back(c);
        } else if (c != '\n' && c != ' ') {
            compact.push_back(c);
        }
    }
    return compact;
}

}  // namespace

std::string encode(const ClientMessage& message) {
    return write([&](Out& ar) {
        put_version(ar);
        std::visit(Overloaded{
                       [&](const Hello& h) {
                           ar(cereal::make_nvp("type", std::string("HELLO")), cereal::make_nvp("boardId", h.board_id),
                              cereal::make_nvp("lastSeq", h.last_seq),
                              cereal::make_nvp("author", std::to_string(h.author)),
                              cereal::make_nvp("name", h.name), cereal::make_nvp("key", h.key));
                       },
                       [&](const SubmitOp& s) {
                           put_op(ar, s.op);
                           ar(cereal::make_nvp("clientOpId", s.client_op_id));
                       },
                       [&](const Cursor& c) {
                           ar(cereal::make_nvp("type", std::string("CURSOR")), cereal::make_nvp("x", to_px(c.position.x)),
                              cereal::make_nvp("y", to_px(c.position.y)));
                       },
                       [&](const PresenceUpdate& p) {
                           ar(cereal::make_nvp("type", std::string("PRESENCE")), cereal::make_nvp("name", p.name));
                           put_color(ar, "color", p.color);
                           ar(cereal::make_nvp("idle", p.idle));
                       },
                       [&](const Viewport& v) {
                           ar(cereal::make_nvp("type", std::string("VIEWPORT")),
                              cereal::make_nvp("x", to_px(v.center.x)), cereal::make_nvp("y", to_px(v.center.y)),
                              cereal::make_nvp("zoom", static_cast<double>(v.zoom) / 1024));
                       },
                   },
                   message);
    });
}

ClientMessage decode_client(std::string_view text) {
    std::istringstream in{std::string(text)};
    In ar(in);
    check_version(ar);
    const std::string type = field<std::string>(ar, "type");
    if (type == "HELLO") {
        Hello h;
        h.board_id = get_string(ar, "boardId", limits::kMaxBoardIdLength);
        maybe_field(ar, "lastSeq", h.last_seq);
        h.author = parse_u64(field<std::string>(ar, "author"), "author");
        std::string name;
        if (maybe_field(ar, "name", name)) h.name = std::move(name);
        if (h.name.size() > limits::kMaxNameLength) throw DecodeError("name: too long");
        std::string key;
        if (maybe_field(ar, "key", key)) h.key = std::move(key);
        if (h.key.size() > limits::kMaxBoardIdLength) throw DecodeError("key: too long");
        return h;
    }
    if (type == "CURSOR") {
        return Cursor{{to_units(field<double>(ar, "x"), limits::kMaxCoordinate, "x"),
                       to_units(field<double>(ar, "y"), limits::kMaxCoordinate, "y")}};
    }
    if (type == "PRESENCE") {
        PresenceUpdate p;
        p.name = get_string(ar, "name", limits::kMaxNameLength);
        std::string color;
        if (maybe_field(ar, "color", color)) p.color = parse_color(color);
        maybe_field(ar, "idle", p.idle);
        return p;
    }
    if (type == "VIEWPORT") {
        Viewport v;
        v.center = {to_units(field<double>(ar, "x"), limits::kMaxCoordinate, "x"),
                    to_units(field<double>(ar, "y"), limits::kMaxCoordinate, "y")};
        const double zoom = field<double>(ar, "zoom");
        if (!std::isfinite(zoom) || zoom <= 0 || zoom > 64) throw DecodeError("zoom out of range");
        v.zoom = static_cast<std::uint32_t>(std::nearbyint(zoom * 1024));
        return v;
    }
    SubmitOp submit;
    if (!get_op(ar, type, submit.op)) throw DecodeError("unknown message type '" + type.substr(0, 40) + "'");
    maybe_field(ar, "clientOpId", submit.client_op_id);
    return submit;
}

namespace {

// The fields of one ordered op, inside the current JSON object.
void put_sequenced(Out& ar, const SequencedOp& op) {
    ar(cereal::make_nvp("seq", op.seq), cereal::make_nvp("author", std::to_string(op.author)),
       cereal::make_nvp("clientOpId", op.client_op_id), cereal::make_nvp("serverTimeMs", op.server_time_ms));
    ar.setNextName("op");
    ar.startNode();
    put_op(ar, op.op);
    ar.finishNode();
}

SequencedOp get_sequenced(In& ar) {
    SequencedOp s;
    s.seq = field<std::uint64_t>(ar, "seq");
    s.author = parse_u64(field<std::string>(ar, "author"), "author");
    s.client_op_id = field<std::uint64_t>(ar, "clientOpId");
    s.server_time_ms = field<std::int64_t>(ar, "serverTimeMs");
    ar.setNextName("op");
    ar.startNode();
    const std::string op_type = field<std::string>(ar, "type");
    if (!get_op(ar, op_type, s.op)) throw DecodeError("unknown op type");
    ar.finishNode();
    return s;
}

}  // namespace

std::string encode(const ServerMessage& message) {
    return write([&](Out& ar) {
        put_version(ar);
        std::visit(Overloaded{
                       [&](const Welcome& w) {
                           ar(cereal::make_nvp("type", std::string("WELCOME")), cereal::make_nvp("boardId", w.board_id),
                              cereal::make_nvp("author", std::to_string(w.author)),
                              cereal::make_nvp("headSeq", w.head_seq),
                              cereal::make_nvp("role", std::string(w.role == Role::kViewer ? "viewer" : "editor")),
                              cereal::make_nvp("viewKey", w.view_key));
                       },
                       [&](const BoardSnapshot& b) {
                           ar(cereal::make_nvp("type", std::string("SNAPSHOT")), cereal::make_nvp("seq", b.seq),
                              cereal::make_nvp("bytes", base64_encode(b.bytes)));
                       },
                       [&](const OpEvent& e) {
                           ar(cereal::make_nvp("type", std::string("OP")));
                           put_sequenced(ar, e.op);
                       },
                       [&](const OpBatch& b) {
                           ar(cereal::make_nvp("type", std::string("OPS")));
                           ar.setNextName("ops");
                           ar.startNode();
                           ar.makeArray();
                           for (const SequencedOp& op : b.ops) {
                               ar.startNode();
                               put_sequenced(ar, op);
                               ar.finishNode();
                           }
                           ar.finishNode();
                       },
                       [&](const Presence& p) {
                           ar(cereal::make_nvp("type", std::string("PARTICIPANTS")),
                              cereal::make_nvp("count", p.participants));
                       },
                       [&](const Error& e) {
                           ar(cereal::make_nvp("type", std::string("ERROR")),
                              cereal::make_nvp("code", static_cast<std::uint16_t>(e.code)),
                              cereal::make_nvp("reason", e.reason), cereal::make_nvp("clientOpId", e.client_op_id));
                       },
                       [&](const PeerCursor& c) {
                           ar(cereal::make_nvp("type", std::string("CURSOR")),
                              cereal::make_nvp("author", std::to_string(c.author)),
                              cereal::make_nvp("x", to_px(c.position.x)), cereal::make_nvp("y", to_px(c.position.y)));
                       },
                       [&](const PeerPresence& p) {
                           static constexpr const char* kStates[] = {"joined", "active", "idle", "left"};
                           ar(cereal::make_nvp("type", std::string("PEER")),
                              cereal::make_nvp("author", std::to_string(p.author)), cereal::make_nvp("name", p.name));
                           put_color(ar, "color", p.color);
                           ar(cereal::make_nvp("state", std::string(kStates[static_cast<int>(p.state) % 4])));
                       },
                       [&](const PeerViewport& v) {
                           ar(cereal::make_nvp("type", std::string("VIEWPORT")),
                              cereal::make_nvp("author", std::to_string(v.author)),
                              cereal::make_nvp("x", to_px(v.viewport.center.x)),
                              cereal::make_nvp("y", to_px(v.viewport.center.y)),
                              cereal::make_nvp("zoom", static_cast<double>(v.viewport.zoom) / 1024));
                       },
                       [&](const ServiceStatus& s) {
                           ar(cereal::make_nvp("type", std::string("STATUS")),
                              cereal::make_nvp("writable", s.writable), cereal::make_nvp("reason", s.reason));
                       },
                   },
                   message);
    });
}

ServerMessage decode_server(std::string_view text) {
    std::istringstream in{std::string(text)};
    In ar(in);
    check_version(ar);
    const std::string type = field<std::string>(ar, "type");
    if (type == "WELCOME") {
        Welcome w;
        w.board_id = get_string(ar, "boardId", limits::kMaxBoardIdLength);
        w.author = parse_u64(field<std::string>(ar, "author"), "author");
        w.head_seq = field<std::uint64_t>(ar, "headSeq");
        const std::string role = field<std::string>(ar, "role");
        if (role != "editor" && role != "viewer") throw DecodeError("unknown role");
        w.role = role == "viewer" ? Role::kViewer : Role::kEditor;
        w.view_key = get_string(ar, "viewKey", limits::kMaxBoardIdLength);
        return w;
    }
    if (type == "SNAPSHOT") {
        BoardSnapshot b;
        b.seq = field<std::uint64_t>(ar, "seq");
        b.bytes = base64_decode(field<std::string>(ar, "bytes"));
        return b;
    }
    if (type == "OP") return OpEvent{get_sequenced(ar)};
    if (type == "OPS") {
        OpBatch b;
        ar.setNextName("ops");
        ar.startNode();
        cereal::size_type n = 0;
        ar.loadSize(n);
        if (n > limits::kMaxOpsPerBatch) throw DecodeError("too many ops in one batch");
        for (cereal::size_type i = 0; i < n; ++i) {
            ar.startNode();
            b.ops.push_back(get_sequenced(ar));
            ar.finishNode();
        }
        ar.finishNode();
        return b;
    }
    if (type == "PARTICIPANTS") return Presence{field<std::uint32_t>(ar, "count")};
    if (type == "ERROR") {
        Error e;
        e.code = static_cast<ErrorCode>(field<std::uint16_t>(ar, "code"));
        e.reason = get_string(ar, "reason", limits::kMaxReasonLength);
        e.client_op_id = field<std::uint64_t>(ar, "clientOpId");
        return e;
    }
    if (type == "CURSOR") {
        return PeerCursor{parse_u64(field<std::string>(ar, "author"), "author"),
                          {to_units(field<double>(ar, "x"), limits::kMaxCoordinate, "x"),
                           to_units(field<double>(ar, "y"), limits::kMaxCoordinate, "y")}};
    }
    if (type == "PEER") {
        PeerPresence p;
        p.author = parse_u64(field<std::string>(ar, "author"), "author");
        p.name = get_string(ar, "name", limits::kMaxNameLength);
        p.color = get_color(ar, "color");
        const std::string state = field<std::string>(ar, "state");
        if (state == "joined") p.state = PeerState::kJoined;
        else if (state == "active") p.state = PeerState::kActive;
        else if (state == "idle") p.state = PeerState::kIdle;
        else if (state == "left") p.state = PeerState::kLeft;
        else throw DecodeError("unknown peer state");
        return p;
    }
    if (type == "VIEWPORT") {
        PeerViewport v;
        v.author = parse_u64(field<std::string>(ar, "author"), "author");
        v.viewport.center = {to_units(field<double>(ar, "x"), limits::kMaxCoordinate, "x"),
                             to_units(field<double>(ar, "y"), limits::kMaxCoordinate, "y")};
        const double zoom = field<double>(ar, "zoom");
        if (!std::isfinite(zoom) || zoom <= 0 || zoom > 64) throw DecodeError("zoom out of range");
        v.viewport.zoom = static_cast<std::uint32_t>(std::nearbyint(zoom * 1024));
        return v;
    }
    if (type == "STATUS") {
        ServiceStatus s;
        s.writable = field<bool>(ar, "writable");
        s.reason = get_string(ar, "reason", limits::kMaxReasonLength);
        return s;
    }
    throw DecodeError("unknown message type '" + type.substr(0, 40) + "'");
}

}  // namespace squiggle::json
