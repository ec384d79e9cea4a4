// Rate limits and flow control.
#include <catch2/catch.hpp>
#include <thread>

#include "server_process.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

TEST_CASE("ops beyond the rate and burst are refused with an error, then the client may go on") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--op-rate", "1", "--op-burst", "5"});
    const std::string board = random_board_id();
    WsTestClient c(server.port());
    c.join(board, 1);
    for (std::uint64_t i = 1; i <= 8; ++i) c.send(ClientMessage{SubmitOp{i, stroke(1, i)}});
    int ordered = 0, limited = 0;
    for (int i = 0; i < 8; ++i) {
        const ServerMessage m = c.receive_skipping_ephemeral();
        if (std::holds_alternative<OpEvent>(m)) ++ordered;
        if (const auto* e = std::get_if<Error>(&m)) {
            CHECK(e->code == ErrorCode::kRateLimited);
            CHECK(e->client_op_id >= 6);
            ++limited;
        }
    }
    CHECK(ordered == 5);
    CHECK(limited == 3);
}

TEST_CASE("cursors are relayed at a bounded rate, and the latest position always arrives") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--cursor-rate", "20"});
    const std::string board = random_board_id();
    WsTestClient a(server.port()), b(server.port());
    a.join(board, 1);
    b.join(board, 2);
    const auto start = std::chrono::steady_clock::now();
    for (std::int32_t i = 1; i <= 200; ++i) a.send(ClientMessage{Cursor{{i, i}}});
    int received = 0;
    Point last{};
    while (last != Point{200, 200}) {
        const ServerMessage m = b.receive();
        if (const auto* c = std::get_if<PeerCursor>(&m)) {
            ++received;
            last = c->position;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(received << " cursor updates in " << seconds << " s");
    // 200 sent; at 20/s at most one per 50 ms (plus the first) got through.
    CHECK(received < 200);
    CHECK(received <= 2 + static_cast<int>(seconds * 20));
}

TEST_CASE("a client that stops reading does not grow the server, and others keep receiving") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--op-rate", "100000", "--op-burst", "100000", "--fsync", "never",
                                      "--snapshot-every", "100000"});
    const std::string board = random_board_id();
    WsTestClient stalled(server.port());
    stalled.join(board, 1);
    // Its receive window fills up and stays full: it never reads again.
    ::setsockopt(stalled.stream().next_layer().native_handle(), SOL_SOCKET, SO_RCVBUF, "\x00\x10\x00\x00", 4);

    WsTestClient writer(server.port()), reader(server.port());
    writer.join(board, 2);
    reader.join(board, 3);
    const long rss_before = server.rss_kib();
    constexpr int kOps = 3000;
    for (int i = 1; i <= kOps; ++i) {
        writer.send(ClientMessage{SubmitOp{static_cast<std::uint64_t>(i), stroke(2, i, 200)}});
        if (i % 100 == 0) {
            // The reader keeps up, op by op, while the stalled client lags.
            for (std::uint64_t seen = 0; seen < static_cast<std::uint64_t>(i);) seen = reader.expect<OpEvent>().op.seq;
            for (std::uint64_t seen = 0; seen < static_cast<std::uint64_t>(i);) seen = writer.expect<OpEvent>().op.seq;
        }
    }
    const long rss_after = server.rss_kib();
    INFO("server RSS " << rss_before << " KiB -> " << rss_after << " KiB");
    // 3000 ops of 200 points are ~5 MB in the log the server keeps anyway;
    // buffering them per slow client would add that again per client.
    CHECK(rss_after - rss_before < 64 * 1024);
}

TEST_CASE("a client whose writes make no progress is disconnected") {
    TempDir dir;
    ServerProcess server(dir.path(), {"--write-stall-timeout", "1", "--op-rate", "100000", "--op-burst", "100000",
                                      "--fsync", "never"});
    const std::string board = random_board_id();
    WsTestClient stalled(server.port());
    stalled.join(board, 1);
    WsTestClient writer(server.port());
    writer.join(board, 2);
    // Far more than the stalled client's socket buffers hold (~16 MB), sent
    // while the writer itself keeps reading.
    for (int i = 1; i <= 1000; ++i) {
        writer.send(ClientMessage{SubmitOp{static_cast<std::uint64_t>(i), stroke(2, i, 8000)}});
        if (i % 10 == 0) {
            for (std::uint64_t seen = 0; seen < static_cast<std::uint64_t>(i);) seen = writer.expect<OpEvent>().op.seq;
        }
    }
    // The stalled client's connection was closed under it: what it reads now
    // is what was buffered, then an end (not a timeout, and not all 1000 ops).
    int frames = 0;
    boost::beast::error_code ec;
    while (!ec) {
        boost::beast::flat_buffer buffer;
        stalled.read(buffer, ec);
        if (!ec) ++frames;
    }
    CHECK(ec != boost::asio::error::timed_out);
    CHECK(frames < 1000);
}
