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
    a.send(ClientMessage{Hello{board, 0, 1, "a", kEditKey}});
    a.expect<Welcome>();
    // After B joins, A hears that two people are on the board.
    WsTestClient b(server.port());
    b.join(board, 2);
    std::uint32_t seen = 0;
    while (seen != 2) seen = a.next_of_kind<Presence>().participants;
    // Someone on another board is not counted.
    WsTestClient c(server.port());
    c.join(random_board_id(), 3);
    CHECK(c.next_of_kind<Presence>().participants == 1);
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
    bot.send(ClientMessage{Hello{board, 0, 7, "bot", kEditKey}}, FrameFormat::kJson);
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
    b.send(ClientMessage{Hello{board, 0, 5, "impostor", kEditKey}});
    const Error e = b.expect<Error>();
    CHECK(e.code == ErrorCode::kAuthorInUse);
    CHECK(b.wait_for_close() == std::optional<std::uint16_t>(1008));
}

TEST_CASE("cursors, names and viewports reach the others on the board, never the log") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient a(server.port()), b(server.port());
    a.send(ClientMessage{Hello{board, 0, 1, "Ada", kEditKey}});
    a.expect<Welcome>();
    b.send(ClientMessage{Hello{board, 0, 2, "Bob", kEditKey}});
    b.expect<Welcome>();
    // B learns who was already here; A learns that B joined.
    const PeerPresence ada = b.next_of_kind<PeerPresence>();
    CHECK(ada.author == 1);
    CHECK(ada.name == "Ada");
    const PeerPresence bob = a.next_of_kind<PeerPresence>();
    CHECK(bob.author == 2);
    CHECK(bob.state == PeerState::kJoined);

    a.send(ClientMessage{Cursor{{160, 320}}});
    const PeerCursor cursor = b.next_of_kind<PeerCursor>();
    CHECK(cursor.author == 1);
    CHECK(cursor.position == Point{160, 320});
    a.send(ClientMessage{PresenceUpdate{"Ada L.", 0xFF0000FF, true}});
    const PeerPresence renamed = b.next_of_kind<PeerPresence>();
    CHECK(renamed.name == "Ada L.");
    CHECK(renamed.state == PeerState::kIdle);
    a.send(ClientMessage{squiggle::Viewport{{0, 0}, 2048}}, FrameFormat::kJson);
    CHECK(b.next_of_kind<PeerViewport>().viewport.zoom == 2048);

    // Nothing of it was logged: a late joiner's board is empty.
    WsTestClient late(server.port());
    CHECK(late.join(board, 3).head_seq == 0);

    // When A leaves, B hears it.
    a.stream().close(boost::beast::websocket::close_code::normal);
    PeerPresence left;
    do {
        left = b.next_of_kind<PeerPresence>();
    } while (left.author != 1);
    CHECK(left.state == PeerState::kLeft);
}

TEST_CASE("a JSON bot can draw without choosing ids, as in the original design") {
    TempDir dir;
    ServerProcess server(dir.path());
    const std::string board = random_board_id();
    WsTestClient bot(server.port()), person(server.port());
    bot.send(ClientMessage{Hello{board, 0, 7, "bot", kEditKey}}, FrameFormat::kJson);
    bot.expect<Welcome>();
    person.join(board, 8);
    bot.send_raw(R"({"type": "DRAW_LINE", "userId": "u1", "points": [[10,10],[20,20]], "color": "#000", "timestamp": 1700000000})",
                 true);
    const OpEvent e = person.expect<OpEvent>();
    const auto& s = std::get<StrokeOp>(e.op.op);
    CHECK(e.op.author == 7);  // stamped by the server, not the client's userId
    CHECK(s.id.author == 7);
    CHECK(s.points == std::vector<Point>{{160, 160}, {320, 320}});
    // A second one gets another id.
    bot.send_raw(R"({"type": "DRAW_LINE", "points": [[0,0]]})", true);
    CHECK(std::get<StrokeOp>(person.expect<OpEvent>().op.op).id != s.id);
}

TEST_CASE("a client behind by several ops gets them in batch frames, in order, each op once") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--max-batch-ops", "8", "--op-rate", "1000", "--op-burst", "1000"});
    const std::string board = random_board_id();
    {
        WsTestClient a(server.port());
        a.join(board, 1);
        for (std::uint64_t n = 1; n <= 30; ++n) {
            a.send(ClientMessage{SubmitOp{n, stroke(1, n)}});
            CHECK(a.expect<OpEvent>().op.seq == n);
        }
    }
    // A late joiner is 30 ops behind: batches of at most 8, then the rest.
    WsTestClient late(server.port());
    CHECK(late.join(board, 2).head_seq == 30);
    std::uint64_t next = 1;
    std::size_t batches = 0;
    while (next <= 30) {
        const ServerMessage m = late.receive_frame();
        if (const auto* batch = std::get_if<OpBatch>(&m)) {
            CHECK(batch->ops.size() >= 2);
            CHECK(batch->ops.size() <= 8);
            ++batches;
            for (const SequencedOp& op : batch->ops) CHECK(op.seq == next++);
        } else if (const auto* e = std::get_if<OpEvent>(&m)) {
            CHECK(e->op.seq == next++);
        }
    }
    CHECK(batches >= 3);
    // JSON clients get one op per frame.
    WsTestClient bot(server.port());
    bot.send(ClientMessage{Hello{board, 0, 3, "bot", kEditKey}}, FrameFormat::kJson);
    CHECK(std::holds_alternative<Welcome>(bot.receive_frame()));
    for (std::uint64_t seq = 1; seq <= 30;) {
        const ServerMessage m = bot.receive_frame();
        CHECK_FALSE(std::holds_alternative<OpBatch>(m));
        if (const auto* e = std::get_if<OpEvent>(&m)) CHECK(e->op.seq == seq++);
    }
}
