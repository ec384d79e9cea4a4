// Durability under every fsync policy, crashes, and compaction.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <thread>

#include "server_process.hpp"
#include "squiggle/replay.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

TEST_CASE("kill -9 while 20 clients draw: every acknowledged op is there exactly once, gap-free") {
    for (const char* policy : {"always", "batch"}) {
        INFO("--fsync " << policy);
        TempDir dir;
        const std::string board = random_board_id();
        std::vector<std::set<std::uint64_t>> acked(20);  // client op ids acknowledged, per client
        {
            ServerProcess server(dir.path(), {"--fsync", policy, "--snapshot-every", "150", "--log-retain", "1000"});
            std::vector<std::thread> clients;
            std::atomic<bool> stop{false};
            std::mutex m;
            for (int k = 0; k < 20; ++k) {
                clients.emplace_back([&, k] {
                    try {
                        WsTestClient c(server.port(), "/ws", std::chrono::seconds(5));
                        const std::uint64_t author = 100 + static_cast<std::uint64_t>(k);
                        c.join(board, author);
                        for (std::uint64_t n = 1; !stop; ++n) {
                            c.send(ClientMessage{SubmitOp{n, stroke(author, n)}});
                            for (;;) {
                                const OpEvent e = c.expect<OpEvent>();
                                if (e.op.author == author) {
                                    std::lock_guard lock(m);
                                    acked[static_cast<std::size_t>(k)].insert(e.op.client_op_id);
                                    break;
                                }
                            }
                        }
                    } catch (const std::exception&) {
                        // The server died under us: expected.
                    }
                });
            }
            // Let them draw until a good number of ops is in, then crash the server.
            for (;;) {
                std::size_t total = 0;
                {
                    std::lock_guard lock(m);
                    for (const auto& s : acked) total += s.size();
                }
                if (total >= 400) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            server.kill_hard();
            stop = true;
            for (auto& t : clients) t.join();
        }
        ServerProcess restarted(dir.path(), {"--fsync", policy});
        // Everyone resumes: the board holds every acknowledged op once, in a gap-free order.
        WsTestClient c(restarted.port());
        const auto head = c.join(board, 999).head_seq;
        std::map<std::uint64_t, std::multiset<std::uint64_t>> present;  // author -> client op ids
        Board b;
        while (b.head_seq() < head) {
            const ServerMessage msg = c.receive_skipping_ephemeral();
            if (const auto* s = std::get_if<BoardSnapshot>(&msg)) {
                b = *Board::from_snapshot(s->bytes);
                // Ops inside the snapshot count as present via their objects.
                for (const auto& [z, o] : b.objects_by_z()) present[id_of(o).author].insert(id_of(o).counter);
            } else if (const auto* e = std::get_if<OpEvent>(&msg)) {
                REQUIRE(e->op.seq == b.head_seq() + 1);
                b.apply(e->op);
                present[e->op.author].insert(e->op.client_op_id);
            }
        }
        for (int k = 0; k < 20; ++k) {
            const auto author = 100 + static_cast<std::uint64_t>(k);
            for (std::uint64_t id : acked[static_cast<std::size_t>(k)]) {
                INFO("author " << author << " client op " << id);
                CHECK(present[author].count(id) == 1);
            }
        }
        // And all clients resume to the same board.
        const auto h1 = read_board(restarted.port(), board, 1000).state_hash();
        const auto h2 = read_board(restarted.port(), board, 1001).state_hash();
        CHECK(h1 == h2);
    }
}

TEST_CASE("compaction keeps the log short, and a restart from snapshot + log serves the same board") {
    TempDir dir;
    const std::string board = random_board_id();
    std::uint64_t hash_before = 0;
    {
        ServerProcess server(dir.path(), {"--snapshot-every", "50", "--log-retain", "10", "--fsync", "batch",
                                          "--op-rate", "10000", "--op-burst", "10000"});
        WsTestClient c(server.port());
        c.join(board, 1);
        for (std::uint64_t n = 1; n <= 275; ++n) c.send(ClientMessage{SubmitOp{n, stroke(1, n, 20)}});
        Board live;
        while (live.head_seq() < 275) {
            // A reader that falls behind a compaction is resynced with the snapshot.
            const ServerMessage m = c.receive_skipping_ephemeral();
            if (const auto* s = std::get_if<BoardSnapshot>(&m)) live = *Board::from_snapshot(s->bytes);
            if (const auto* e = std::get_if<OpEvent>(&m)) live.apply(e->op);
        }
        hash_before = live.state_hash();
    }
    const auto log_size = std::filesystem::file_size(dir.path() / "boards" / (board + ".log"));
    CHECK(std::filesystem::exists(dir.path() / "boards" / (board + ".snap")));
    // At most snapshot_every + retain ops of ~100 bytes remain in the log.
    CHECK(log_size < 60 * 200);
    ServerProcess restarted(dir.path());
    WsTestClient c(restarted.port());
    CHECK(c.join(board, 2).head_seq == 275);
    Board b;
    while (b.head_seq() < 275) {
        const ServerMessage m = c.receive_skipping_ephemeral();
        if (const auto* s = std::get_if<BoardSnapshot>(&m)) b = *Board::from_snapshot(s->bytes);
        if (const auto* e = std::get_if<OpEvent>(&m)) b.apply(e->op);
    }
    CHECK(b.state_hash() == hash_before);
}

TEST_CASE("a damaged snapshot keeps its board closed instead of serving a wrong one") {
    TempDir dir;
    const std::string board = random_board_id();
    {
        ServerProcess server(dir.path(), {"--snapshot-every", "10"});
        WsTestClient c(server.port());
        c.join(board, 1);
        for (std::uint64_t n = 1; n <= 12; ++n) c.send(ClientMessage{SubmitOp{n, stroke(1, n)}});
        for (std::uint64_t seen = 0; seen < 12;) seen = c.expect<OpEvent>().op.seq;
    }
    {
        std::fstream f(dir.path() / "boards" / (board + ".snap"), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(40);
        f.put('\x7f');
    }
    ServerProcess restarted(dir.path());
    WsTestClient c(restarted.port());
    c.send(ClientMessage{Hello{board, 0, 2, "x", kEditKey}});
    CHECK(c.expect<Error>().code == ErrorCode::kStorageFailure);
    // Other boards are unaffected.
    WsTestClient other(restarted.port());
    CHECK(other.join(random_board_id(), 3).head_seq == 0);
}
