#pragma once
// A board log held in memory only: the window a process keeps of a board
// whose durable log lives elsewhere (Redis). Appends cannot fail; compact()
// keeps the snapshot and drops old ops, as the file log does.
#include "store/board_store.hpp"

namespace squiggle::server {

class MemoryBoardLog : public BoardLog {
public:
    MemoryBoardLog(std::optional<BoardAccess> access, std::uint64_t snapshot_seq, std::string snapshot,
                   std::vector<SequencedOp> ops)
        : access_(std::move(access)), snapshot_seq_(snapshot_seq), snapshot_(std::move(snapshot)), ops_(std::move(ops)) {}

    std::uint64_t snapshot_seq() const override { return snapshot_seq_; }
    const std::string& snapshot() const override { return snapshot_; }
    const std::vector<SequencedOp>& ops() const override { return ops_; }

    std::error_code append(const SequencedOp& op) override {
        ops_.push_back(op);
        return {};
    }
    std::error_code sync() override { return {}; }
    std::error_code compact(std::uint64_t seq, std::string snapshot, std::uint64_t keep_after) override {
        snapshot_seq_ = seq;
        snapshot_ = std::move(snapshot);
        std::erase_if(ops_, [&](const SequencedOp& op) { return op.seq <= keep_after; });
        return {};
    }
    std::optional<BoardAccess> access() const override { return access_; }
    std::error_code set_access(const BoardAccess& access) override {
        access_ = access;
        return {};
    }

private:
    std::optional<BoardAccess> access_;
    std::uint64_t snapshot_seq_;
    std::string snapshot_;
    std::vector<SequencedOp> ops_;
};

}  // namespace squiggle::server
