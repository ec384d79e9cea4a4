#include "visible_board.hpp"

namespace squiggle::client {

void VisibleBoard::apply_all(Board& board, std::uint64_t author, const std::vector<Op>& ops) {
    for (const Op& op : ops) {
        SequencedOp sequenced;
        sequenced.seq = board.head_seq() + 1;
        sequenced.author = author;
        sequenced.op = op;
        board.apply(sequenced);
    }
}

const Board& VisibleBoard::base(const SyncClient& sync) {
    if (sync.pending().empty()) return sync.board();
    const Key key{sync.board_generation(), sync.board().revision(), sync.pending_revision(), 0};
    if (!base_ || base_key_ != key) {
        base_ = sync.board();
        std::vector<Op> ops;
        for (const PendingOp& p : sync.pending()) ops.push_back(p.op);
        apply_all(*base_, sync.author(), ops);
        base_key_ = key;
    }
    return *base_;
}

const Board& VisibleBoard::shown(const SyncClient& sync, const std::vector<Op>& provisional,
                                 std::uint64_t revision) {
    const bool copy = !sync.pending().empty() || !provisional.empty();
    if (!copy) {
        // The confirmed board grows in place; a view only needs a new
        // generation when it switches to it or the client replaced it.
        if (shown_is_copy_ || shown_sync_generation_ != sync.board_generation()) ++generation_;
        shown_is_copy_ = false;
        shown_sync_generation_ = sync.board_generation();
        shown_.reset();
        shown_key_.reset();
        return sync.board();
    }
    const Key key{sync.board_generation(), sync.board().revision(), sync.pending_revision(),
                  provisional.empty() ? 0 : revision};
    if (!shown_ || shown_key_ != key) {
        shown_ = base(sync);
        apply_all(*shown_, sync.author(), provisional);
        shown_key_ = key;
        ++generation_;
    }
    shown_is_copy_ = true;
    return *shown_;
}

}  // namespace squiggle::client
