#pragma once
// Where each board lives. The room talks only to these interfaces; the
// embedded file store implements them (a Redis store can implement them too).
//
// A board is stored as an optional snapshot (opaque bytes made by the room,
// standing for every op up to snapshot_seq()) plus a log of ops that reaches
// from some seq at or before snapshot_seq() + 1 to the newest op. The overlap
// lets a client that is only a little behind catch up from the log.
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "squiggle/op.hpp"

namespace squiggle::server {

// The board's secrets from its links (128-bit base64url keys).
struct BoardAccess {
    std::string edit_key;
    std::string view_key;
};

class BoardLog {
public:
    virtual ~BoardLog() = default;

    // The latest snapshot (empty when there is none) and the seq it stands for.
    virtual std::uint64_t snapshot_seq() const = 0;
    virtual const std::string& snapshot() const = 0;

    // The ops the log holds, contiguous and in order; the first has a seq at
    // or before snapshot_seq() + 1.
    virtual const std::vector<SequencedOp>& ops() const = 0;
    // The seq of ops().front(), or snapshot_seq() + 1 when the log is empty.
    std::uint64_t first_seq() const { return ops().empty() ? snapshot_seq() + 1 : ops().front().seq; }

    // Stores `op`, whose seq must be the next one. With the "always" policy it
    // is durable on return; otherwise only after the next sync().
    virtual std::error_code append(const SequencedOp& op) = 0;

    // Makes every append so far durable (a no-op under "always" and "never").
    virtual std::error_code sync() = 0;

    // Stores `snapshot` as standing for every op up to `seq` (<= the last
    // op), then drops the ops up to `keep_after` (<= seq) from the log.
    virtual std::error_code compact(std::uint64_t seq, std::string snapshot, std::uint64_t keep_after) = 0;

    virtual std::optional<BoardAccess> access() const = 0;
    // Records the board's keys; done once, when the board is first opened.
    virtual std::error_code set_access(const BoardAccess& access) = 0;
};

class BoardStore {
public:
    virtual ~BoardStore() = default;

    // Opens (or creates) the board whose id is already validated.
    virtual std::unique_ptr<BoardLog> open(const std::string& board_id, std::error_code& ec) = 0;
};

}  // namespace squiggle::server
