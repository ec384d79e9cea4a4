// The embedded store's record format: checksums, torn tails, refusals.
#include "store/file_board_store.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "server_process.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::server;
using namespace squiggle::test;

namespace {
SequencedOp op_at(std::uint64_t seq) { return {seq, 1, seq, 1700000000000, stroke(1, seq)}; }
}  // namespace

TEST_CASE("appended ops are read back in order after reopening") {
    TempDir dir;
    FileBoardStore store(dir.path(), FsyncPolicy::kNever);
    const std::string board = random_board_id();
    {
        std::error_code ec;
        auto log = store.open(board, ec);
        REQUIRE(log);
        for (std::uint64_t s = 1; s <= 100; ++s) REQUIRE_FALSE(log->append(op_at(s)));
    }
    std::error_code ec;
    auto log = store.open(board, ec);
    REQUIRE(log);
    REQUIRE(log->ops().size() == 100);
    for (std::uint64_t s = 1; s <= 100; ++s) CHECK(log->ops()[s - 1].seq == s);
}

TEST_CASE("a flipped bit in the middle stops reading at the damaged record") {
    TempDir dir;
    FileBoardStore store(dir.path(), FsyncPolicy::kNever);
    const std::string board = random_board_id();
    {
        std::error_code ec;
        auto log = store.open(board, ec);
        for (std::uint64_t s = 1; s <= 10; ++s) REQUIRE_FALSE(log->append(op_at(s)));
    }
    const auto path = store.path_of(board);
    const auto size = std::filesystem::file_size(path);
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(size / 2));
        char c;
        f.seekg(static_cast<std::streamoff>(size / 2));
        f.get(c);
        f.seekp(static_cast<std::streamoff>(size / 2));
        f.put(static_cast<char>(c ^ 0x10));
    }
    std::error_code ec;
    auto log = store.open(board, ec);
    REQUIRE(log);
    CHECK(log->ops().size() < 10);
    CHECK(std::filesystem::file_size(path) < size);
    // The log is consistent again: appends continue from the last good seq.
    const auto next = log->ops().size() + 1;
    CHECK_FALSE(log->append(op_at(next)));
}

TEST_CASE("a file that is not a board log is refused, not overwritten") {
    TempDir dir;
    FileBoardStore store(dir.path(), FsyncPolicy::kNever);
    const std::string board = random_board_id();
    std::filesystem::create_directories(dir.path() / "boards");
    { std::ofstream(store.path_of(board)) << "something else entirely"; }
    std::error_code ec;
    CHECK_FALSE(store.open(board, ec));
    CHECK(ec);
    CHECK(std::filesystem::file_size(store.path_of(board)) == 23);
}
