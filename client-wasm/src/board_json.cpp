#include "board_json.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdio>
#include <optional>

#include "squiggle/validate.hpp"

namespace squiggle::client {
namespace {

constexpr std::array<const char*, kShapeKindCount> kShapeNames = {"line", "rectangle", "ellipse", "arrow"};

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_color(JsonWriter& w, Rgba c) {
    char text[10];
    std::snprintf(text, sizeof text, "#%08x", static_cast<unsigned>(c));
    w.String(text);
}

void write_point(JsonWriter& w, Point p) {
    w.StartArray();
    w.Int(p.x);
    w.Int(p.y);
    w.EndArray();
}

void write_object(JsonWriter& w, const StrokeOp& s) {
    w.Key("type"); w.String("stroke");
    w.Key("color"); write_color(w, s.color);
    w.Key("width"); w.Uint(s.width);
    w.Key("points");
    w.StartArray();
    for (Point p : s.points) write_point(w, p);
    w.EndArray();
}

void write_object(JsonWriter& w, const ShapeOp& s) {
    w.Key("type"); w.String("shape");
    w.Key("kind"); w.String(kShapeNames[static_cast<std::size_t>(s.kind) % kShapeKindCount]);
    w.Key("from"); write_point(w, s.from);
    w.Key("to"); write_point(w, s.to);
    w.Key("color"); write_color(w, s.color);
    w.Key("width"); w.Uint(s.width);
    w.Key("fill"); write_color(w, s.fill);
}

void write_object(JsonWriter& w, const TextOp& t) {
    w.Key("type"); w.String("text");
    w.Key("position"); write_point(w, t.position);
    w.Key("size"); w.Uint(t.size);
    w.Key("color"); write_color(w, t.color);
    w.Key("text"); w.String(t.text.data(), static_cast<rapidjson::SizeType>(t.text.size()));
}

// ---- reading ----

struct Bad {
    std::string reason;
};

const rapidjson::Value& member(const rapidjson::Value& object, const char* name, const std::string& where) {
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd()) throw Bad{where + ": \"" + name + "\" is missing"};
    return it->value;
}

std::int32_t read_int(const rapidjson::Value& v, const std::string& where) {
    if (!v.IsInt()) throw Bad{where + " must be an integer"};
    return v.GetInt();
}

std::uint32_t read_uint(const rapidjson::Value& v, const std::string& where) {
    if (!v.IsUint()) throw Bad{where + " must be a non-negative integer"};
    return v.GetUint();
}

Point read_point(const rapidjson::Value& v, const std::string& where) {
    if (!v.IsArray() || v.Size() != 2) throw Bad{where + " must be [x, y]"};
    return Point{read_int(v[0], where + " x"), read_int(v[1], where + " y")};
}

Rgba read_color(const rapidjson::Value& v, const std::string& where) {
    const auto bad = Bad{where + " must be \"#rrggbbaa\""};
    if (!v.IsString() || v.GetStringLength() != 9 || v.GetString()[0] != '#') throw bad;
    Rgba c = 0;
    for (int i = 1; i < 9; ++i) {
        const char ch = v.GetString()[i];
        int digit = -1;
        if (ch >= '0' && ch <= '9') digit = ch - '0';
        else if (ch >= 'a' && ch <= 'f') digit = ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'F') digit = ch - 'A' + 10;
        if (digit < 0) throw bad;
        c = (c << 4) | static_cast<Rgba>(digit);
    }
    return c;
}

Object read_object(const rapidjson::Value& v, const std::string& where) {
    if (!v.IsObject()) throw Bad{where + " must be an object"};
    const rapidjson::Value& type = member(v, "type", where);
    const std::string kind = type.IsString() ? type.GetString() : "";
    if (kind == "stroke") {
        StrokeOp s;
        s.color = read_color(member(v, "color", where), where + " color");
        s.width = read_uint(member(v, "width", where), where + " width");
        const rapidjson::Value& points = member(v, "points", where);
        if (!points.IsArray() || points.Empty()) throw Bad{where + " points must be a non-empty array"};
        if (points.Size() > limits::kMaxPointsPerStroke) throw Bad{where + " has too many points"};
        for (const rapidjson::Value& p : points.GetArray()) s.points.push_back(read_point(p, where + " point"));
        return s;
    }
    if (kind == "shape") {
        ShapeOp s;
        const rapidjson::Value& shape = member(v, "kind", where);
        bool known = false;
        for (std::size_t i = 0; i < kShapeNames.size(); ++i) {
            if (shape.IsString() && shape.GetString() == std::string_view(kShapeNames[i])) {
                s.kind = static_cast<ShapeKind>(i);
                known = true;
            }
        }
        if (!known) throw Bad{where + " kind must be line, rectangle, ellipse or arrow"};
        s.from = read_point(member(v, "from", where), where + " from");
        s.to = read_point(member(v, "to", where), where + " to");
        s.color = read_color(member(v, "color", where), where + " color");
        s.width = read_uint(member(v, "width", where), where + " width");
        s.fill = read_color(member(v, "fill", where), where + " fill");
        return s;
    }
    if (kind == "text") {
        TextOp t;
        t.position = read_point(member(v, "position", where), where + " position");
        t.size = read_uint(member(v, "size", where), where + " size");
        t.color = read_color(member(v, "color", where), where + " color");
        const rapidjson::Value& text = member(v, "text", where);
        if (!text.IsString()) throw Bad{where + " text must be a string"};
        t.text.assign(text.GetString(), text.GetStringLength());
        return t;
    }
    throw Bad{where + ": type must be stroke, shape or text"};
}

}  // namespace

std::string board_json(const Board& board) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("format"); w.String(kBoardJsonFormat);
    w.Key("version"); w.Int(kBoardJsonVersion);
    w.Key("unitsPerPixel"); w.Int(kUnitsPerPixel);
    w.Key("objects");
    w.StartArray();
    for (const auto& [z, object] : board.objects_by_z()) {
        w.StartObject();
        std::visit([&](const auto& o) { write_object(w, o); }, object);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
}

std::variant<std::vector<Object>, ImportError> parse_board_json(std::string_view text) {
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError()) {
        return ImportError{std::string("not JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()) +
                           " at byte " + std::to_string(doc.GetErrorOffset())};
    }
    try {
        if (!doc.IsObject()) throw Bad{"the file is not a board file (no JSON object)"};
        const rapidjson::Value& format = member(doc, "format", "the file");
        if (!format.IsString() || format.GetString() != std::string_view(kBoardJsonFormat)) {
            throw Bad{std::string("the file is not a board file (format is not \"") + kBoardJsonFormat + "\")"};
        }
        const rapidjson::Value& version = member(doc, "version", "the file");
        if (!version.IsInt() || version.GetInt() != kBoardJsonVersion) {
            throw Bad{"the file's version is not " + std::to_string(kBoardJsonVersion) + " (made by a newer page?)"};
        }
        const rapidjson::Value& units = member(doc, "unitsPerPixel", "the file");
        if (!units.IsInt() || units.GetInt() != kUnitsPerPixel) {
            throw Bad{"unitsPerPixel must be " + std::to_string(kUnitsPerPixel)};
        }
        const rapidjson::Value& objects = member(doc, "objects", "the file");
        if (!objects.IsArray()) throw Bad{"\"objects\" must be an array"};
        if (objects.Size() > kMaxImportObjects) throw Bad{"the file holds too many objects"};
        std::vector<Object> out;
        out.reserve(objects.Size());
        for (rapidjson::SizeType i = 0; i < objects.Size(); ++i) {
            const std::string where = "object " + std::to_string(i + 1);
            Object object = read_object(objects[i], where);
            // The server's own bounds: anything it would refuse is refused here.
            const Rejection rejected = std::visit([](const auto& o) { return validate(Op{o}); }, object);
            if (rejected) throw Bad{where + ": " + *rejected};
            out.push_back(std::move(object));
        }
        return out;
    } catch (const Bad& bad) {
        return ImportError{bad.reason};
    }
}

}  // namespace squiggle::client
