#pragma once
// Rebuilding a board from its ordered log.
#include <vector>

#include "squiggle/board.hpp"

namespace squiggle {

// Applies `log` (sorted by seq, starting right after `board.head_seq()`) to
// `board`. Returns false, leaving the board at the last op applied, when the log
// has a gap or is out of order.
bool replay(Board& board, const std::vector<SequencedOp>& log);

inline Board replay(const std::vector<SequencedOp>& log) {
    Board board;
    replay(board, log);
    return board;
}

}  // namespace squiggle
