// Writes the golden corpus: seeded random sessions of every op kind, and
// hashes.txt with the state hash each log must replay to. Run it only when the
// model changes on purpose (and say so in the commit):
//   build/native/tests/golden_generate tests/golden
#include <cereal/archives/portable_binary.hpp>
#include <cstdio>
#include <fstream>
#include <random>

#include "../shared/test_ops.hpp"

using namespace squiggle;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    std::ofstream index(dir + "/hashes.txt");
    const std::pair<std::uint64_t, std::size_t> sessions[] = {{1, 50}, {2, 300}, {3, 1000}, {4, 2500}, {5, 5000}, {6, 800}};
    for (const auto& [seed, count] : sessions) {
        std::mt19937_64 rng(seed);
        Board board;
        std::vector<SequencedOp> log;
        std::uint64_t counters[6] = {};
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint64_t author = 0xA000000000000000ull + rng() % 5;
            SequencedOp op{i + 1, author, i + 1, 1700000000000 + static_cast<std::int64_t>(i),
                           test::random_op(board, author, counters[author % 6], rng)};
            board.apply(op);
            log.push_back(std::move(op));
        }
        const std::string name = "session-" + std::to_string(seed) + ".log";
        std::ofstream out(dir + "/" + name, std::ios::binary);
        cereal::PortableBinaryOutputArchive ar(out);
        ar(static_cast<std::uint64_t>(log.size()));
        for (const SequencedOp& op : log) ar(op);
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(board.state_hash()));
        index << name << " " << hex << "\n";
        std::printf("%s: %zu ops, %zu objects, hash %s\n", name.c_str(), log.size(), board.object_count(), hex);
    }
    return 0;
}
