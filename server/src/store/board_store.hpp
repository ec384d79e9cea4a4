#pragma once
// Where each board's ordered log lives. The room talks only to these
// interfaces; the embedded file store implements them (Redis comes later).
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "squiggle/op.hpp"

namespace squiggle::server {

// One board's ordered log, opened for reading it back and appending to it.
class BoardLog {
public:
    virtual ~BoardLog() = default;

    // Every op stored so far, in seq order (1, 2, 3, ...).
    virtual const std::vector<SequencedOp>& ops() const = 0;

    // Stores `op` (whose seq must be ops().size() + 1) durably per the store's
    // policy. Only after success may the op be acknowledged to anyone.
    virtual std::error_code append(const SequencedOp& op) = 0;
};

class BoardStore {
public:
    virtual ~BoardStore() = default;

    // Opens (or creates) the log of a board whose id is already validated.
    virtual std::unique_ptr<BoardLog> open(const std::string& board_id, std::error_code& ec) = 0;
};

}  // namespace squiggle::server
