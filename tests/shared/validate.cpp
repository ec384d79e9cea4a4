#include "squiggle/validate.hpp"

#include <catch2/catch.hpp>

using namespace squiggle;

namespace {
StrokeOp valid_stroke() {
    StrokeOp s;
    s.id = {1, 1};
    s.width = 48;
    s.points = {{0, 0}, {160, 160}};
    return s;
}
}  // namespace

TEST_CASE("a well-formed stroke passes validation") {
    CHECK_FALSE(validate(Op{valid_stroke()}).has_value());
}

TEST_CASE("each stroke bound is enforced") {
    auto s = valid_stroke();
    s.points.clear();
    CHECK(validate(Op{s}).has_value());

    s = valid_stroke();
    s.points.push_back({limits::kMaxCoordinate + 1, 0});
    CHECK(*validate(Op{s}) == "coordinate out of range");

    s = valid_stroke();
    s.points.push_back({0, std::numeric_limits<std::int32_t>::min()});
    CHECK(validate(Op{s}).has_value());

    s = valid_stroke();
    s.width = 0;
    CHECK(validate(Op{s}).has_value());
    s.width = limits::kMaxWidth + 1;
    CHECK(validate(Op{s}).has_value());

    s = valid_stroke();
    s.points.assign(limits::kMaxPointsPerStroke + 1, Point{1, 1});
    CHECK(validate(Op{s}).has_value());
}

TEST_CASE("hello is checked for board id and name") {
    CHECK_FALSE(validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 1, "Ada"}).has_value());
    CHECK(validate(Hello{"nope", 0, 1, "Ada"}).has_value());
    CHECK(validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 0, "Ada"}).has_value());
    CHECK(validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 1, std::string(100, 'x')}).has_value());
    CHECK(validate(Hello{"AAAAAAAAAAAAAAAAAAAAAA", 0, 1, "\xC3"}).has_value());
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
