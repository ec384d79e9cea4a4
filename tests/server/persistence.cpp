// Boards survive server restarts, crashes included.
#include <catch2/catch.hpp>
#include <fstream>

#include "server_process.hpp"
#include "squiggle/replay.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

namespace {

std::vector<SequencedOp> draw(std::uint16_t port, const std::string& board, std::uint64_t author, int count) {
    WsTestClient c(port);
    const auto head = c.join(board, author).head_seq;
    std::vector<SequencedOp> acked;
    for (int i = 1; i <= count; ++i) c.send(ClientMessage{SubmitOp{static_cast<std::uint64_t>(i), stroke(author, i)}});
    while (acked.size() < static_cast<std::size_t>(count)) {
        auto op = c.expect<OpEvent>().op;
        if (op.seq > head) acked.push_back(op);
    }
    return acked;
}


}  // namespace

TEST_CASE("a restarted server serves the same board") {
    TempDir dir;
    const std::string board = random_board_id();
    std::vector<SequencedOp> before;
    {
        ServerProcess server(dir.path());
        before = draw(server.port(), board, 1, 25);
    }
    ServerProcess restarted(dir.path());
    const auto after = read_history(restarted.port(), board, 2);
    REQUIRE(after.size() == 25);
    CHECK(replay(after).state_hash() == replay(before).state_hash());
}

TEST_CASE("every acknowledged op survives kill -9") {
    TempDir dir;
    const std::string board = random_board_id();
    std::vector<SequencedOp> acked;
    {
        ServerProcess server(dir.path());
        acked = draw(server.port(), board, 1, 50);
        server.kill_hard();
    }
    ServerProcess restarted(dir.path());
    const auto after = read_history(restarted.port(), board, 2);
    REQUIRE(after.size() >= acked.size());
    CHECK(replay(std::vector<SequencedOp>(after.begin(), after.begin() + acked.size())).state_hash() ==
          replay(acked).state_hash());
}

TEST_CASE("a torn tail left by a crash is cut off, never served, and the board goes on") {
    TempDir dir;
    const std::string board = random_board_id();
    std::vector<SequencedOp> acked;
    {
        ServerProcess server(dir.path());
        acked = draw(server.port(), board, 1, 10);
    }
    {
        // Half a record, as a crash mid-write would leave it.
        std::ofstream log(dir.path() / "boards" / (board + ".log"), std::ios::app | std::ios::binary);
        log.write("\x40\x00\x00\x00\x01\x02\x03", 7);
    }
    ServerProcess restarted(dir.path());
    CHECK(replay(read_history(restarted.port(), board, 2)).state_hash() == replay(acked).state_hash());
    // New ops continue the sequence right after the last intact one.
    const auto more = draw(restarted.port(), board, 3, 1);
    CHECK(more.at(0).seq == 11);
}
