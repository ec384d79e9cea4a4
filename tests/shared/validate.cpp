// One rejection test per validation rule.
#include "squiggle/validate.hpp"

#include <catch2/catch.hpp>

using namespace squiggle;

namespace {
StrokeOp stroke() { return {{1, 1}, 0x000000FF, 48, {{0, 0}, {160, 160}}}; }
ShapeOp shape() { return {{1, 2}, ShapeKind::kRectangle, {0, 0}, {100, 100}, 0x000000FF, 16, 0}; }
TextOp text() { return {{1, 3}, {0, 0}, 256, 0x000000FF, "hello"}; }
std::string why(const Op& op) {
    auto r = validate(op);
    return r ? *r : "";
}
}  // namespace

TEST_CASE("well-formed ops of every kind pass") {
    for (const Op& op : std::vector<Op>{stroke(), shape(), text(), EraseOp{{{1, 1}}},
                                        PartialEraseOp{{1, 1}, {{{1, 9}, 0, 1}}},
                                        TransformOp{{{1, 1}}, {{0, 0}}, 16, 16, {0, 0}, 1024}, StyleOp{{{1, 1}}, 0xFF, {}, {}},
                                        ClearOp{}, UndoOp{}, RedoOp{}}) {
        INFO(op.index());
        CHECK(why(op).empty());
    }
}

TEST_CASE("stroke bounds") {
    auto s = stroke();
    s.points.clear();
    CHECK(why(s) == "stroke has no points");
    s = stroke();
    s.points.assign(limits::kMaxPointsPerStroke + 1, Point{1, 1});
    CHECK(why(s) == "stroke has too many points");
    s = stroke();
    s.points.push_back({limits::kMaxCoordinate + 1, 0});
    CHECK(why(s) == "coordinate out of range");
    s = stroke();
    s.points.push_back({0, std::numeric_limits<std::int32_t>::min()});
    CHECK(why(s) == "coordinate out of range");
    s = stroke();
    s.width = 0;
    CHECK(why(s) == "width out of range");
    s.width = limits::kMaxWidth + 1;
    CHECK(why(s) == "width out of range");
}

TEST_CASE("shape bounds") {
    auto s = shape();
    s.kind = static_cast<ShapeKind>(4);
    CHECK(why(s) == "unknown shape kind");
    s = shape();
    s.to.y = -limits::kMaxCoordinate - 1;
    CHECK(why(s) == "coordinate out of range");
    s = shape();
    s.width = 0;
    CHECK(why(s) == "width out of range");
}

TEST_CASE("text bounds") {
    auto t = text();
    t.text.clear();
    CHECK(why(t) == "text is empty");
    t.text.assign(limits::kMaxTextBytes + 1, 'x');
    CHECK(why(t) == "text too long");
    t = text();
    t.text = "bad \xFF";
    CHECK(why(t) == "text is not valid UTF-8");
    t = text();
    t.size = 0;
    CHECK(why(t) == "text size out of range");
    t.size = limits::kMaxTextSize + 1;
    CHECK(why(t) == "text size out of range");
    t = text();
    t.position.x = limits::kMaxCoordinate + 1;
    CHECK(why(t) == "coordinate out of range");
}

TEST_CASE("id lists") {
    CHECK(why(EraseOp{}) == "no object ids");
    CHECK(why(EraseOp{{{1, 1}, {1, 1}}}) == "duplicate object id");
    CHECK(why(EraseOp{std::vector<ObjectId>(limits::kMaxIdsPerOp + 1, ObjectId{1, 1})}) == "too many object ids");
    CHECK(why(StyleOp{{}, 0xFF, {}, {}}) == "no object ids");
    CHECK(why(TransformOp{{}, {}, 1, 1, {}, 1024}) == "no object ids");
}

TEST_CASE("partial erase bounds") {
    CHECK(why(PartialEraseOp{{1, 1}, {{{1, 2}, 3, 3}}}) == "empty piece");
    CHECK(why(PartialEraseOp{{1, 1}, {{{1, 2}, 0, limits::kMaxPointsPerStroke + 1}}}) == "piece beyond any stroke");
    CHECK(why(PartialEraseOp{{1, 1}, {{{1, 1}, 0, 2}}}) == "duplicate object id");
    PartialEraseOp many{{1, 1}, {}};
    for (std::uint64_t i = 0; i <= limits::kMaxPiecesPerCut; ++i) many.pieces.push_back({{1, 100 + i}, 0, 1});
    CHECK(why(many) == "too many pieces");
}

TEST_CASE("transform and style bounds") {
    const std::vector<ObjectId> one{{1, 1}};
    const std::vector<Point> origin{{0, 0}};
    CHECK(why(TransformOp{one, {}, 0, 0, {}, 1024}) == "one origin per object id");
    CHECK(why(TransformOp{one, {{limits::kMaxCoordinate + 1, 0}}, 0, 0, {}, 1024}) == "coordinate out of range");
    CHECK(why(TransformOp{one, origin, limits::kMaxCoordinate + 1, 0, {}, 1024}) == "translation out of range");
    CHECK(why(TransformOp{one, origin, 0, 0, {}, limits::kMinScale - 1}) == "scale out of range");
    CHECK(why(TransformOp{one, origin, 0, 0, {}, limits::kMaxScale + 1}) == "scale out of range");
    CHECK(why(TransformOp{one, origin, 0, 0, {limits::kMaxCoordinate + 1, 0}, 1024}) == "coordinate out of range");
    CHECK(why(StyleOp{{{1, 1}}, {}, {}, {}}) == "style change changes nothing");
    CHECK(why(StyleOp{{{1, 1}}, {}, 0u, {}}) == "width out of range");
}

TEST_CASE("new objects must carry the author's own id") {
    CHECK_FALSE(validate_author(stroke(), 1).has_value());
    CHECK(validate_author(stroke(), 2).has_value());
    CHECK(validate_author(PartialEraseOp{{2, 1}, {{{2, 5}, 0, 1}}}, 1).has_value());
    // Changing someone else's object is fine: only created ids are checked.
    CHECK_FALSE(validate_author(EraseOp{{{2, 1}}}, 1).has_value());
}

TEST_CASE("hello and ephemeral messages") {
    CHECK_FALSE(validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 1, "Ada"}).has_value());
    CHECK(*validate(Hello{"nope", 0, 1, "Ada"}) == "board id must be 22 characters of base64url");
    CHECK(*validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 0, "Ada"}) == "author id must be non-zero");
    CHECK(*validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 1, std::string(100, 'x')}) == "name too long");
    CHECK(*validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 1, "\xC3"}) == "name is not valid UTF-8");
    CHECK(*validate(Cursor{{limits::kMaxCoordinate + 1, 0}}) == "coordinate out of range");
    CHECK(*validate(PresenceUpdate{std::string(65, 'n'), 0, false}) == "name too long");
    CHECK(*validate(Viewport{{0, 0}, 1}) == "zoom out of range");
}

TEST_CASE("UTF-8 validation rejects malformed sequences") {
    CHECK(is_valid_utf8("plain"));
    CHECK(is_valid_utf8("\xE2\x82\xAC"));
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
    CHECK_FALSE(is_valid_utf8("\xFF"));
}
