// Ops are ordered per board, broadcast to everyone, and replayed to late joiners.
#include <catch2/catch.hpp>

#include "server_process.hpp"
#include "squiggle/replay.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

TEST_CASE("an op from A reaches B with the next sequence number, and A gets it back as its ack") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();

    WsTestClient a(server.port()), b(server.port());
    CHECK(a.join(board, 1).head_seq == 0);
    CHECK(b.join(board, 2).head_seq == 0);

    for (std::uint64_t n = 1; n <= 3; ++n) {
        a.send(ClientMessage{SubmitOp{100 + n, stroke(1, n)}});
        const OpEvent at_b = b.expect<OpEvent>();
        const OpEvent at_a = a.expect<OpEvent>();
        CHECK(at_b.op.seq == n);
        CHECK(at_b.op.author == 1);
        CHECK(std::get<StrokeOp>(at_b.op.op) == stroke(1, n));
        CHECK(at_a.op.seq == n);
        CHECK(at_a.op.client_op_id == 100 + n);
    }
}

TEST_CASE("participants are counted per board") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient a(server.port());
    a.send(ClientMessage{Hello{board, 0, 1, "a"}});
    a.expect<Welcome>();
    // After B joins, A hears that two people are on the board.
    WsTestClient b(server.port());
    b.join(board, 2);
    std::uint32_t seen = 0;
    while (seen != 2) {
        auto m = a.receive();
        REQUIRE(std::holds_alternative<Presence>(m));
        seen = std::get<Presence>(m).participants;
    }
    // Someone on another board is not counted.
    WsTestClient c(server.port());
    c.join(random_board_id(), 3);
    const auto p = c.receive();
    REQUIRE(std::holds_alternative<Presence>(p));
    CHECK(std::get<Presence>(p).participants == 1);
}

TEST_CASE("a late joiner receives the whole history in order, and the same board") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();

    std::vector<SequencedOp> seen_by_a;
    {
        WsTestClient a(server.port()), b(server.port());
        a.join(board, 1);
        b.join(board, 2);
        // Two authors interleave; the server's order is the truth.
        for (std::uint64_t n = 1; n <= 20; ++n) {
            a.send(ClientMessage{SubmitOp{n, stroke(1, n)}});
            b.send(ClientMessage{SubmitOp{n, stroke(2, n)}});
        }
        while (seen_by_a.size() < 40) seen_by_a.push_back(a.expect<OpEvent>().op);
    }
    for (std::size_t i = 0; i < seen_by_a.size(); ++i) CHECK(seen_by_a[i].seq == i + 1);

    WsTestClient late(server.port());
    CHECK(late.join(board, 3).head_seq == 40);
    std::vector<SequencedOp> history;
    while (history.size() < 40) history.push_back(late.expect<OpEvent>().op);
    CHECK(replay(history).state_hash() == replay(seen_by_a).state_hash());

    // A client that already has seq 30 gets exactly 31..40.
    WsTestClient resumer(server.port());
    CHECK(resumer.join(board, 4, 30).head_seq == 40);
    for (std::uint64_t seq = 31; seq <= 40; ++seq) CHECK(resumer.expect<OpEvent>().op.seq == seq);
}

TEST_CASE("the same messages work as JSON text frames") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient bot(server.port()), person(server.port());
    bot.send(ClientMessage{Hello{board, 0, 7, "bot"}}, FrameFormat::kJson);
    CHECK(bot.expect<Welcome>().author == 7);
    person.join(board, 8);
    bot.send(ClientMessage{SubmitOp{1, stroke(7, 1)}}, FrameFormat::kJson);
    const OpEvent at_person = person.expect<OpEvent>();
    CHECK(std::get<StrokeOp>(at_person.op.op) == stroke(7, 1));
    // The bot's own echo comes back as JSON text.
    bot.expect<OpEvent>();
    CHECK(bot.stream().got_text());
}

TEST_CASE("two connections cannot share an author id on one board") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient a(server.port()), b(server.port());
    a.join(board, 5);
    b.send(ClientMessage{Hello{board, 0, 5, "impostor"}});
    const Error e = b.expect<Error>();
    CHECK(e.code == ErrorCode::kAuthorInUse);
    CHECK(b.wait_for_close() == std::optional<std::uint16_t>(1008));
}
