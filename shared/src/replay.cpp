#include "squiggle/replay.hpp"

namespace squiggle {

bool replay(Board& board, const std::vector<SequencedOp>& log) {
    for (const SequencedOp& op : log) {
        if (board.apply(op) == Board::ApplyResult::kOutOfOrder) return false;
    }
    return true;
}

}  // namespace squiggle
