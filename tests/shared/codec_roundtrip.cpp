#include <catch2/catch.hpp>
#include <random>

#include "squiggle/codec.hpp"
#include "test_ops.hpp"

using namespace squiggle;

namespace {

template <class T, class V>
const T& as(const V& v) {
    REQUIRE(std::holds_alternative<T>(v));
    return std::get<T>(v);
}

}  // namespace

TEST_CASE("client messages survive a round trip in both formats") {
    std::mt19937_64 rng(42);
    for (FrameFormat format : {FrameFormat::kBinary, FrameFormat::kJson}) {
        Hello hello{"AAAAAAAAAAAAAAAAAAAAAA", 17, 0xFEEDFACECAFEBEEFull, "Ada \xC3\xA9"};
        auto decoded = decode_client(encode(ClientMessage{hello}, format), format);
        const auto& h = as<Hello>(as<ClientMessage>(decoded));
        CHECK(h.board_id == hello.board_id);
        CHECK(h.last_seq == 17);
        CHECK(h.author == 0xFEEDFACECAFEBEEFull);
        CHECK(h.name == hello.name);

        for (int i = 0; i < 50; ++i) {
            SubmitOp submit{static_cast<std::uint64_t>(i), test::make_stroke(9, i, rng, 300)};
            auto back = decode_client(encode(ClientMessage{submit}, format), format);
            const auto& s = as<SubmitOp>(as<ClientMessage>(back));
            CHECK(s.client_op_id == submit.client_op_id);
            CHECK(std::get<StrokeOp>(s.op) == std::get<StrokeOp>(submit.op));
        }
    }
}

TEST_CASE("server messages survive a round trip in both formats") {
    for (FrameFormat format : {FrameFormat::kBinary, FrameFormat::kJson}) {
        const auto log = test::make_log(20, 3);
        for (const SequencedOp& op : log) {
            auto back = decode_server(encode(ServerMessage{OpEvent{op}}, format), format);
            const auto& e = as<OpEvent>(as<ServerMessage>(back));
            CHECK(e.op.seq == op.seq);
            CHECK(e.op.author == op.author);
            CHECK(e.op.client_op_id == op.client_op_id);
            CHECK(e.op.server_time_ms == op.server_time_ms);
            CHECK(std::get<StrokeOp>(e.op.op) == std::get<StrokeOp>(op.op));
        }
        Error err{ErrorCode::kInvalidOp, "coordinate out of range", 5};
        const auto err_back = decode_server(encode(ServerMessage{err}, format), format);
        const auto& e = as<Error>(as<ServerMessage>(err_back));
        CHECK(e.code == ErrorCode::kInvalidOp);
        CHECK(e.reason == err.reason);
        CHECK(e.client_op_id == 5);
        const auto welcome_back =
            decode_server(encode(ServerMessage{Welcome{"AAAAAAAAAAAAAAAAAAAAAA", 77, 12}}, format), format);
        const auto& w = as<Welcome>(as<ServerMessage>(welcome_back));
        CHECK(w.author == 77);
        CHECK(w.head_seq == 12);
    }
}

TEST_CASE("binary encoding is compact") {
    std::mt19937_64 rng(1);
    StrokeOp s = test::make_stroke(1, 1, rng);
    s.points.resize(30);
    const std::string frame = encode(ClientMessage{SubmitOp{1, s}}, FrameFormat::kBinary);
    CHECK(frame.size() < 30 * 8 + 64);
}

TEST_CASE("garbage and truncated frames decode to an error, never a crash") {
    std::mt19937_64 rng(99);
    const std::string good =
        encode(ClientMessage{SubmitOp{1, test::make_stroke(1, 1, rng, 100)}}, FrameFormat::kBinary);
    for (std::size_t cut = 0; cut < good.size(); ++cut) {
        auto r = decode_client(std::string_view(good).substr(0, cut), FrameFormat::kBinary);
        CHECK(std::holds_alternative<DecodeFailure>(r));
    }
    CHECK(std::holds_alternative<DecodeFailure>(decode_client(good + "x", FrameFormat::kBinary)));
    for (int i = 0; i < 2000; ++i) {
        std::string junk(rng() % 64, '\0');
        for (auto& c : junk) c = static_cast<char>(rng());
        auto r = decode_client(junk, FrameFormat::kBinary);
        // Random bytes may occasionally decode; they must never crash or throw.
        (void)r;
    }
    for (const char* text : {"", "{", "[]", "{\"version\":1}", "null", "{\"version\":\"x\"}",
                             "{\"version\":1,\"minCompatible\":1,\"message\":{\"index\":9}}"}) {
        CHECK(std::holds_alternative<DecodeFailure>(decode_client(text, FrameFormat::kJson)));
    }
}

TEST_CASE("a forged length prefix cannot make the decoder allocate") {
    // A stroke that claims 2^60 points in a frame of a few dozen bytes.
    std::mt19937_64 rng(5);
    StrokeOp s = test::make_stroke(1, 1, rng, 1);
    s.points.resize(1);
    std::string frame = encode(ClientMessage{SubmitOp{1, s}}, FrameFormat::kBinary);
    // The points count is the 8 bytes before the final point (2 x int32).
    const std::size_t count_at = frame.size() - 8 - 8;
    for (int i = 0; i < 8; ++i) frame[count_at + i] = (i == 7) ? 0x10 : 0;
    auto r = decode_client(frame, FrameFormat::kBinary);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
    CHECK(std::get<DecodeFailure>(r).reason.find("too many") != std::string::npos);
}

TEST_CASE("deeply nested JSON is refused before parsing") {
    const std::string deep(100000, '[');
    auto r = decode_client(deep, FrameFormat::kJson);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
}

TEST_CASE("a frame from an incompatible future protocol is refused with a clear code") {
    const std::string json = "{\"version\":9,\"minCompatible\":9,\"message\":{\"index\":0,\"data\":{}}}";
    auto r = decode_client(json, FrameFormat::kJson);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
    CHECK(std::get<DecodeFailure>(r).code == ErrorCode::kUnsupportedVersion);
}
