// Rate limits and flow control.
#include <catch2/catch.hpp>
#include <optional>
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
    // The same workload on two boards, one of them with a client that never
    // reads: the server's memory must grow by about the same amount for both
    // (what it keeps of the board), not by what the stalled client missed.
    // Connections stay open to the end, so neither board's memory is freed
    // and reused by the other.
    std::vector<std::unique_ptr<WsTestClient>> open_connections;
    auto workload = [&](bool with_stalled_client) {
        const std::string board = random_board_id();
        if (with_stalled_client) {
            open_connections.push_back(std::make_unique<WsTestClient>(server.port()));
            open_connections.back()->join(board, 1);
        }
        open_connections.push_back(std::make_unique<WsTestClient>(server.port()));
        WsTestClient& writer = *open_connections.back();
        open_connections.push_back(std::make_unique<WsTestClient>(server.port()));
        WsTestClient& reader = *open_connections.back();
        writer.join(board, 2);
        reader.join(board, 3);
        const long rss_before = server.rss_kib();
        constexpr int kOps = 3000;
        for (int i = 1; i <= kOps; ++i) {
            writer.send(ClientMessage{SubmitOp{static_cast<std::uint64_t>(i), stroke(2, i, 200)}});
            if (i % 100 == 0) {
                // The reader keeps up while the stalled client lags.
                for (std::uint64_t seen = 0; seen < static_cast<std::uint64_t>(i);) seen = reader.expect<OpEvent>().op.seq;
                for (std::uint64_t seen = 0; seen < static_cast<std::uint64_t>(i);) seen = writer.expect<OpEvent>().op.seq;
            }
        }
        return server.rss_kib() - rss_before;
    };
    const long with = workload(true);
    const long without = workload(false);
    INFO("server RSS growth: " << without << " KiB without a stalled client, " << with << " KiB with one");
    CHECK(with < without + without / 2 + 4096);
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
