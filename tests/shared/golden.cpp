// The golden corpus: recorded op logs and the state hash each must give. The
// same test runs natively and compiled to WebAssembly, so both targets are
// held to the same hashes.
#include <catch2/catch.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <fstream>
#include <sstream>

#include "squiggle/replay.hpp"

#ifndef SQUIGGLE_GOLDEN_DIR
#error "SQUIGGLE_GOLDEN_DIR must name tests/golden"
#endif

using namespace squiggle;

namespace {

std::vector<SequencedOp> read_log(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    cereal::PortableBinaryInputArchive ar(in);
    std::uint64_t count = 0;
    ar(count);
    std::vector<SequencedOp> log(static_cast<std::size_t>(count));
    for (SequencedOp& op : log) ar(op);
    return log;
}

}  // namespace

TEST_CASE("every golden log replays to its recorded state hash") {
    std::ifstream index(std::string(SQUIGGLE_GOLDEN_DIR) + "/hashes.txt");
    REQUIRE(index);
    std::string name, hex;
    int checked = 0;
    while (index >> name >> hex) {
        const auto log = read_log(std::string(SQUIGGLE_GOLDEN_DIR) + "/" + name);
        const Board board = replay(log);
        char actual[17];
        std::snprintf(actual, sizeof actual, "%016llx", static_cast<unsigned long long>(board.state_hash()));
        INFO(name);
        CHECK(board.head_seq() == log.size());
        CHECK(std::string(actual) == hex);
        // Snapshot + tail gives the same hash on this target too.
        Board half = replay(std::vector<SequencedOp>(log.begin(), log.begin() + static_cast<long>(log.size() / 2)));
        auto restored = Board::from_snapshot(half.snapshot());
        REQUIRE(restored);
        replay(*restored, std::vector<SequencedOp>(log.begin() + static_cast<long>(log.size() / 2), log.end()));
        CHECK(restored->state_hash() == board.state_hash());
        ++checked;
    }
    CHECK(checked >= 5);
}
