// Bad input gets an error or a close code, and never disturbs anyone else.
#include <catch2/catch.hpp>

#include "server_process.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

TEST_CASE("malformed frames get an error and the server keeps serving others") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient good(server.port()), bad(server.port());
    good.join(board, 1);
    bad.join(board, 2);

    // A valid envelope header (endianness flag, version 1, min 1) around an
    // unknown message index, then plain junk.
    bad.send_raw(std::string("\x01\x01\x00\x01\x00\x07\x00\x00\x00junk", 13), false);
    CHECK(bad.expect<Error>().code == ErrorCode::kMalformedFrame);
    bad.send_raw("{not json", true);
    CHECK(bad.expect<Error>().code == ErrorCode::kMalformedFrame);

    // An op that decodes but breaks a bound.
    StrokeOp wild = stroke(2, 1);
    wild.points[0].x = limits::kMaxCoordinate + 5;
    bad.send(ClientMessage{SubmitOp{9, wild}});
    const Error refused = bad.expect<Error>();
    CHECK(refused.code == ErrorCode::kInvalidOp);
    CHECK(refused.client_op_id == 9);
    CHECK(refused.reason == "coordinate out of range");

    // Ids that claim another author are refused.
    bad.send(ClientMessage{SubmitOp{10, stroke(1, 99)}});
    CHECK(bad.expect<Error>().code == ErrorCode::kWrongAuthor);

    // Nothing of that reached the board; the good client's op does, as seq 1.
    good.send(ClientMessage{SubmitOp{1, stroke(1, 1)}});
    CHECK(good.expect<OpEvent>().op.seq == 1);
    CHECK(bad.expect<OpEvent>().op.seq == 1);
}

TEST_CASE("a malformed board id gets an error and a policy close") {
    TempDir dir;
    ServerProcess server(dir.path());
    for (const std::string id : {"../../etc/passwd", "short", "AAAAAAAAAAAAAAAAAAAAA/", ""}) {
        WsTestClient c(server.port());
        c.send(ClientMessage{Hello{id, 0, 1, "x", kEditKey}});
        CHECK(c.expect<Error>().code == ErrorCode::kInvalidBoardId);
        CHECK(c.wait_for_close() == std::optional<std::uint16_t>(1008));
    }
    // No file was created for any of them.
    CHECK_FALSE(std::filesystem::exists(dir.path() / "boards" / "short.log"));
}

TEST_CASE("ops before hello are refused") {
    TempDir dir;
    ServerProcess server(dir.path());
    WsTestClient c(server.port());
    c.send(ClientMessage{SubmitOp{3, stroke(1, 1)}});
    const Error e = c.expect<Error>();
    CHECK(e.code == ErrorCode::kNotJoined);
    CHECK(e.client_op_id == 3);
}

TEST_CASE("an oversized frame closes that connection with 1009, others carry on") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--max-frame-bytes", "65536"});
    const std::string board = random_board_id();
    WsTestClient good(server.port()), big(server.port());
    good.join(board, 1);
    big.join(board, 2);
    big.send_raw(std::string(65537, 'x'), false);
    CHECK(big.wait_for_close() == std::optional<std::uint16_t>(1009));

    good.send(ClientMessage{SubmitOp{1, stroke(1, 1)}});
    CHECK(good.expect<OpEvent>().op.seq == 1);
}

TEST_CASE("a client that floods undecodable frames is disconnected") {
    TempDir dir;
    ServerProcess server(dir.path());
    WsTestClient c(server.port());
    for (int i = 0; i < 16; ++i) c.send_raw("\xFF", false);
    CHECK(c.wait_for_close() == std::optional<std::uint16_t>(1008));
    // The server is still there for the next person.
    WsTestClient next(server.port());
    CHECK(next.join(random_board_id(), 1).head_seq == 0);
}

TEST_CASE("a WebSocket upgrade on another path is refused") {
    TempDir dir;
    ServerProcess server(dir.path());
    CHECK_THROWS(WsTestClient(server.port(), "/not-ws"));
}

TEST_CASE("NaN, huge coordinates and unknown kinds are refused over the wire; no board changes") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient good(server.port()), bad(server.port());
    good.join(board, 1);
    bad.send(ClientMessage{Hello{board, 0, 2, "bad", kEditKey}}, FrameFormat::kJson);
    bad.expect<Welcome>();
    for (const char* json : {R"({"type":"STROKE","points":[[NaN,1]]})", R"({"type":"STROKE","points":[[1e300,1]]})",
                             R"({"type":"STROKE","points":[[Infinity,1]]})", R"({"type":"TELEPORT","ids":["2:1"]})",
                             R"({"type":"SHAPE","shape":"star","from":[0,0],"to":[1,1],"color":"#000","width":1})",
                             R"({"type":"TEXT","position":[0,0],"size":1e9,"color":"#000","text":"x"})"}) {
        INFO(json);
        bad.send_raw(json, true);
        const Error e = bad.expect<Error>();
        CHECK((e.code == ErrorCode::kMalformedFrame || e.code == ErrorCode::kInvalidOp));
        CHECK_FALSE(e.reason.empty());
    }
    // A binary op of a kind this version does not know (index 99).
    WsTestClient binary(server.port());
    binary.join(board, 3);
    std::string frame = encode(ClientMessage{SubmitOp{1, ClearOp{}}}, FrameFormat::kBinary);
    frame[frame.size() - 4] = 99;  // the op's variant index is the last field of a clear
    binary.send_raw(frame, false);
    CHECK(binary.expect<Error>().code == ErrorCode::kMalformedFrame);
    // None of it reached the board: the good client's op is seq 1 for everyone.
    good.send(ClientMessage{SubmitOp{1, stroke(1, 1)}});
    CHECK(good.expect<OpEvent>().op.seq == 1);
    CHECK(bad.expect<OpEvent>().op.seq == 1);
    CHECK(binary.expect<OpEvent>().op.seq == 1);
}
