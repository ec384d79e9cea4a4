// The JSON form: the original design's DRAW_LINE event, pixels, colours, ids.
#include <catch2/catch.hpp>

#include "squiggle/codec.hpp"

using namespace squiggle;

namespace {
ClientMessage client(const std::string& json) {
    auto d = decode_client(json, FrameFormat::kJson);
    if (const auto* f = std::get_if<DecodeFailure>(&d)) FAIL(json << " -> " << f->reason);
    return std::get<ClientMessage>(d);
}
std::string refusal(const std::string& json) {
    auto d = decode_client(json, FrameFormat::kJson);
    REQUIRE(std::holds_alternative<DecodeFailure>(d));
    return std::get<DecodeFailure>(d).reason;
}
}  // namespace

TEST_CASE("the original design's DRAW_LINE event is accepted as a stroke") {
    const auto m = client(
        R"({"type": "DRAW_LINE", "userId": "u1", "points": [[10,10],[20,20]], "color": "#000", "timestamp": 1700000000})");
    const auto& submit = std::get<SubmitOp>(m);
    const auto& s = std::get<StrokeOp>(submit.op);
    CHECK(s.points == std::vector<Point>{{160, 160}, {320, 320}});  // pixels -> 1/16 px units
    CHECK(s.color == 0x000000FF);
    CHECK(s.width == 3 * kUnitsPerPixel);
    CHECK(s.id == ObjectId{});  // no id given: the server assigns one
}

TEST_CASE("JSON coordinates are pixels and may be fractional") {
    const auto m = client(R"({"type":"STROKE","id":"7:1","points":[[0.5,-1.25]],"color":"#ff000080","width":2.5})");
    const auto& s = std::get<StrokeOp>(std::get<SubmitOp>(m).op);
    CHECK(s.points.at(0) == Point{8, -20});
    CHECK(s.color == 0xFF000080);
    CHECK(s.width == 40);
    CHECK(s.id == ObjectId{7, 1});
}

TEST_CASE("JSON ids and authors are decimal strings, exact beyond 2^53") {
    const auto m = client(R"({"type":"ERASE","ids":["18446744073709551615:9007199254740993"]})");
    CHECK(std::get<EraseOp>(std::get<SubmitOp>(m).op).ids.at(0) ==
          ObjectId{18446744073709551615ull, 9007199254740993ull});
    const auto h = std::get<Hello>(client(R"({"type":"HELLO","boardId":"AAAAAAAAAAAAAAAAAAAAAA","author":"12345678901234567890"})"));
    CHECK(h.author == 12345678901234567890ull);
    CHECK(h.last_seq == 0);
}

TEST_CASE("bad JSON values are refused with a reason") {
    CHECK(refusal(R"({"type":"STROKE","points":[[1e300,0]]})").find("out of range") != std::string::npos);
    CHECK(refusal(R"({"type":"STROKE","points":[[NaN,0]]})").find("undecodable") != std::string::npos);
    CHECK(refusal(R"({"type":"STROKE","points":[[1,2,3]]})").find("[x, y]") != std::string::npos);
    CHECK(refusal(R"({"type":"STROKE","points":[[1,1]],"color":"red"})").find("colour") != std::string::npos);
    CHECK(refusal(R"({"type":"ERASE","ids":["7"]})").find("author:counter") != std::string::npos);
    CHECK(refusal(R"({"type":"ERASE","ids":["-1:2"]})").find("decimal") != std::string::npos);
    CHECK(refusal(R"({"type":"SHAPE","shape":"star","from":[0,0],"to":[1,1],"color":"#000","width":1})")
              .find("unknown shape") != std::string::npos);
    CHECK(refusal(R"({"type":"LAUNCH_ROCKETS"})").find("unknown message type") != std::string::npos);
}

TEST_CASE("server messages in JSON read naturally") {
    SequencedOp op{3, 42, 7, 1700000000123, StrokeOp{{42, 1}, 0x3366CCFF, 32, {{16, 32}}}};
    const std::string json = encode(ServerMessage{OpEvent{op}}, FrameFormat::kJson);
    CHECK(json ==
          R"({"version":1,"minCompatible":1,"type":"OP","seq":3,"author":"42","clientOpId":7,"serverTimeMs":1700000000123,)"
          R"("op":{"type":"STROKE","id":"42:1","color":"#3366ccff","width":2.0,"points":[[1.0,2.0]]}})");
}
