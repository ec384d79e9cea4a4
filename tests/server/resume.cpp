// Join and resume: exactly the missing ops, or a snapshot plus the tail;
// resent ops are never applied twice.
#include <catch2/catch.hpp>

#include "server_process.hpp"
#include "squiggle/replay.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

namespace {

// Draws `count` strokes as `author` through one connection, waiting for every ack.
void draw(std::uint16_t port, const std::string& board, std::uint64_t author, std::uint64_t first_counter, int count) {
    WsTestClient c(port);
    const auto head = c.join(board, author).head_seq;
    for (int i = 0; i < count; ++i) {
        const std::uint64_t n = first_counter + static_cast<std::uint64_t>(i);
        c.send(ClientMessage{SubmitOp{n, stroke(author, n, 3)}});
    }
    std::uint64_t seen = head;
    while (seen < head + static_cast<std::uint64_t>(count)) seen = c.expect<OpEvent>().op.seq;
}

}  // namespace

TEST_CASE("a client offline while 1000 ops were written gets exactly what it missed") {
    TempDir dir;
    // A log long enough to hold everything: the client catches up from the log.
    ServerProcess server(dir.path(), {"--snapshot-every", "5000", "--op-burst", "5000", "--op-rate", "5000"});
    const std::string board = random_board_id();
    draw(server.port(), board, 1, 1, 10);
    std::vector<SequencedOp> mine;
    {
        WsTestClient c(server.port());
        c.join(board, 2);
        while (mine.size() < 10) mine.push_back(c.expect<OpEvent>().op);
    }
    draw(server.port(), board, 1, 11, 1000);
    WsTestClient back(server.port());
    const Welcome w = back.join(board, 2, mine.back().seq);
    CHECK(w.head_seq == 1010);
    for (std::uint64_t seq = 11; seq <= 1010; ++seq) {
        const ServerMessage m = back.receive_skipping_ephemeral();
        REQUIRE(std::holds_alternative<OpEvent>(m));
        REQUIRE(std::get<OpEvent>(m).op.seq == seq);
        mine.push_back(std::get<OpEvent>(m).op);
    }
    // Nothing more: a new op comes next, with the next seq.
    draw(server.port(), board, 3, 1, 1);
    CHECK(back.expect<OpEvent>().op.seq == 1011);
}

TEST_CASE("a client older than the log gets a snapshot plus the tail, and the same board") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--snapshot-every", "100", "--log-retain", "20", "--op-burst", "5000",
                                      "--op-rate", "5000"});
    const std::string board = random_board_id();
    draw(server.port(), board, 1, 1, 350);

    // The full log is gone; a new joiner gets the snapshot and what follows.
    WsTestClient late(server.port());
    const Welcome w = late.join(board, 2);
    CHECK(w.head_seq == 350);
    const BoardSnapshot snap = late.expect<BoardSnapshot>();
    CHECK(snap.seq >= 300);
    auto board_state = Board::from_snapshot(snap.bytes);
    REQUIRE(board_state);
    REQUIRE(board_state->head_seq() == snap.seq);
    while (board_state->head_seq() < 350) REQUIRE(board_state->apply(late.expect<OpEvent>().op) != Board::ApplyResult::kOutOfOrder);

    // Compare with a board built by someone who saw every op live.
    Board live;
    {
        TempDir dir2;
        ServerProcess reference(dir2.path(), {"--snapshot-every", "100000", "--op-burst", "5000", "--op-rate", "5000"});
        draw(reference.port(), board, 1, 1, 350);
        WsTestClient c(reference.port());
        c.join(board, 2);
        while (live.head_seq() < 350) live.apply(c.expect<OpEvent>().op);
    }
    CHECK(board_state->state_hash() == live.state_hash());

    // A client only a little behind still catches up from the log alone.
    WsTestClient near(server.port());
    near.join(board, 3, 340);
    CHECK(near.expect<OpEvent>().op.seq == 341);
}

TEST_CASE("ops resent after a reconnect are recognised by client op id and not applied twice") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    {
        WsTestClient c(server.port());
        c.join(board, 1);
        c.send(ClientMessage{SubmitOp{1, stroke(1, 1)}});
        c.send(ClientMessage{SubmitOp{2, stroke(1, 2)}});
        CHECK(c.expect<OpEvent>().op.seq == 1);
        CHECK(c.expect<OpEvent>().op.seq == 2);
    }
    // The connection dropped before the client saw the acks: it resends both.
    WsTestClient c(server.port());
    c.join(board, 1, 0);
    c.send(ClientMessage{SubmitOp{1, stroke(1, 1)}});
    c.send(ClientMessage{SubmitOp{2, stroke(1, 2)}});
    c.send(ClientMessage{SubmitOp{3, stroke(1, 3)}});
    CHECK(c.expect<OpEvent>().op.seq == 1);  // history
    CHECK(c.expect<OpEvent>().op.seq == 2);
    const OpEvent third = c.expect<OpEvent>();
    CHECK(third.op.seq == 3);
    CHECK(third.op.client_op_id == 3);  // only the new one was ordered
}
