// Every message survives encoding and decoding, in both formats; garbage does not crash.
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "squiggle/codec.hpp"
#include "test_ops.hpp"

using namespace squiggle;

namespace {

// Binary encoding is canonical: equal bytes mean equal messages.
template <class Message>
std::string canonical(const Message& m) {
    return encode(m, FrameFormat::kBinary);
}

template <class Message>
Message decoded(const Decoded<Message>& d) {
    if (const auto* f = std::get_if<DecodeFailure>(&d)) FAIL("decode failed: " << f->reason);
    return std::get<Message>(d);
}

std::vector<ClientMessage> sample_client_messages(std::mt19937_64& rng) {
    std::vector<ClientMessage> out{
        Hello{"AAAAAAAAAAAAAAAAAAAAAA", 17, 0xFEEDFACECAFEBEEFull, "Ada \xC3\xA9", "BBBBBBBBBBBBBBBBBBBBBA"},
        Cursor{{-16, 1600}},
        PresenceUpdate{"Grace", 0x11223344, true},
        Viewport{{800, -800}, 2048},
    };
    Board board;
    std::uint64_t counter = 0, seq = 0;
    for (int i = 0; i < 300; ++i) {
        Op op = test::random_op(board, 9, counter, rng);
        out.push_back(SubmitOp{static_cast<std::uint64_t>(i + 1), op});
        board.apply({++seq, 9, 0, 0, op});
    }
    return out;
}

}  // namespace

TEST_CASE("every client message survives a round trip in both formats") {
    std::mt19937_64 rng(42);
    std::set<std::size_t> kinds_seen;
    for (const ClientMessage& m : sample_client_messages(rng)) {
        if (const auto* s = std::get_if<SubmitOp>(&m)) kinds_seen.insert(s->op.index());
        for (FrameFormat format : {FrameFormat::kBinary, FrameFormat::kJson}) {
            INFO("format " << static_cast<int>(format) << ": " << encode(m, FrameFormat::kJson));
            const ClientMessage back = decoded(decode_client(encode(m, format), format));
            CHECK(canonical(back) == canonical(m));
        }
    }
    CHECK(kinds_seen.size() == std::variant_size_v<Op>);
}

TEST_CASE("every server message survives a round trip in both formats") {
    std::mt19937_64 rng(43);
    std::vector<ServerMessage> messages{
        Welcome{"AAAAAAAAAAAAAAAAAAAAAA", 77, 12, Role::kEditor, "CCCCCCCCCCCCCCCCCCCCCA"},
        Welcome{"AAAAAAAAAAAAAAAAAAAAAA", 78, 0, Role::kViewer, ""},
        BoardSnapshot{5, std::string("\x00\x01\xFFsnap", 7)},
        BoardSnapshot{6, "ab"},
        Presence{3},
        Error{ErrorCode::kInvalidOp, "coordinate out of range", 5},
        PeerCursor{0xFFFFFFFFFFFFFFFFull, {1, -1}},
        PeerPresence{4, "Linus", 0xAABBCCDD, PeerState::kIdle},
        PeerViewport{5, {{0, 0}, 512}},
        ServiceStatus{false, "storage unreachable"},
        ServiceStatus{true, ""},
    };
    std::uint64_t seq = 0;
    for (const ClientMessage& m : sample_client_messages(rng)) {
        if (const auto* s = std::get_if<SubmitOp>(&m)) {
            messages.push_back(OpEvent{{++seq, 9, s->client_op_id, 1700000000000 + static_cast<std::int64_t>(seq), s->op}});
        }
    }
    // A batch of every op kind.
    OpBatch batch;
    for (const ServerMessage& m : messages) {
        const auto* e = std::get_if<OpEvent>(&m);
        if (e && batch.ops.size() < limits::kMaxOpsPerBatch) batch.ops.push_back(e->op);
    }
    // One op more than a batch may hold is refused.
    OpBatch too_big = batch;
    while (too_big.ops.size() <= limits::kMaxOpsPerBatch) too_big.ops.push_back(batch.ops.front());
    for (FrameFormat format : {FrameFormat::kBinary, FrameFormat::kJson}) {
        CHECK(std::holds_alternative<DecodeFailure>(decode_server(encode(ServerMessage{too_big}, format), format)));
    }
    messages.push_back(batch);
    messages.push_back(OpBatch{});
    for (const ServerMessage& m : messages) {
        for (FrameFormat format : {FrameFormat::kBinary, FrameFormat::kJson}) {
            INFO(encode(m, FrameFormat::kJson));
            const ServerMessage back = decoded(decode_server(encode(m, format), format));
            CHECK(canonical(back) == canonical(m));
        }
    }
}

TEST_CASE("freehand strokes take at most 4 bytes per point on the wire") {
    std::mt19937_64 rng(1);
    std::size_t bytes = 0, points = 0;
    for (int i = 0; i < 500; ++i) {
        StrokeOp s{{0x1234567890ABCDEFull, static_cast<std::uint64_t>(i)}, 0x000000FF, 48,
                   test::pen_path(rng, 10 + rng() % 20)};
        points += s.points.size();
        bytes += encode(ClientMessage{SubmitOp{static_cast<std::uint64_t>(i), s}}, FrameFormat::kBinary).size();
    }
    const double per_point = static_cast<double>(bytes) / static_cast<double>(points);
    INFO("bytes per point, whole frame included: " << per_point);
    CHECK(per_point <= 4.0);
}

TEST_CASE("garbage and truncated frames decode to an error, never a crash") {
    std::mt19937_64 rng(99);
    const std::string good =
        encode(ClientMessage{SubmitOp{1, test::make_stroke(1, 1, rng, 100)}}, FrameFormat::kBinary);
    for (std::size_t cut = 0; cut < good.size(); ++cut) {
        CHECK(std::holds_alternative<DecodeFailure>(
            decode_client(std::string_view(good).substr(0, cut), FrameFormat::kBinary)));
    }
    CHECK(std::holds_alternative<DecodeFailure>(decode_client(good + "x", FrameFormat::kBinary)));
    for (int i = 0; i < 5000; ++i) {
        // Random bytes and random bit flips may occasionally decode; they must
        // never crash, throw or allocate wildly.
        std::string junk(rng() % 64, '\0');
        for (auto& c : junk) c = static_cast<char>(rng());
        (void)decode_client(junk, FrameFormat::kBinary);
        std::string flipped = good;
        flipped[rng() % flipped.size()] ^= static_cast<char>(1 << (rng() % 8));
        (void)decode_client(flipped, FrameFormat::kBinary);
    }
    for (const char* text : {"", "{", "[]", "{\"type\":1}", "null", "{\"type\":\"STROKE\"}",
                             "{\"type\":\"NOPE\"}", "{\"type\":\"HELLO\",\"boardId\":5}"}) {
        INFO(text);
        CHECK(std::holds_alternative<DecodeFailure>(decode_client(text, FrameFormat::kJson)));
    }
}

TEST_CASE("a forged length prefix cannot make the decoder allocate") {
    // An erase op that claims 2^60 ids in a frame of a few dozen bytes: the
    // bound on ids catches it; a claim under the bound fails on bytes left.
    std::string frame = encode(ClientMessage{SubmitOp{1, EraseOp{{{1, 1}}}}}, FrameFormat::kBinary);
    const std::size_t count_at = frame.size() - 9 - 8;  // u64 count, then author (8) and counter (varint)
    for (int i = 0; i < 8; ++i) frame[count_at + i] = (i == 7) ? 0x10 : 0;
    auto r = decode_client(frame, FrameFormat::kBinary);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
    CHECK(std::get<DecodeFailure>(r).reason.find("too many") != std::string::npos);

    for (int i = 0; i < 8; ++i) frame[count_at + i] = (i == 0) ? 0x00 : (i == 1 ? 0x10 : 0);  // 4096 ids
    r = decode_client(frame, FrameFormat::kBinary);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
    CHECK(std::get<DecodeFailure>(r).reason.find("bytes left") != std::string::npos);
}

TEST_CASE("deeply nested JSON is refused before parsing") {
    const std::string deep(100000, '[');
    auto r = decode_client(deep, FrameFormat::kJson);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
}

TEST_CASE("a frame from an incompatible future protocol is refused with a clear code") {
    auto r = decode_client("{\"version\":9,\"minCompatible\":9,\"type\":\"UNDO\"}", FrameFormat::kJson);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
    CHECK(std::get<DecodeFailure>(r).code == ErrorCode::kUnsupportedVersion);
    // Binary: endianness flag, version 9, minCompatible 9.
    r = decode_client(std::string("\x01\x09\x00\x09\x00", 5), FrameFormat::kBinary);
    REQUIRE(std::holds_alternative<DecodeFailure>(r));
    CHECK(std::get<DecodeFailure>(r).code == ErrorCode::kUnsupportedVersion);
}
