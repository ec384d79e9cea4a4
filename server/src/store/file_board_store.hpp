#pragma once
// Embedded storage: one append-only file per board under <data-dir>/boards/.
//
// File layout: the 8-byte magic "SQGLOG01", then records of
//   u32 payload length | u64 XXH64 of the payload | payload
// (little-endian), where the payload is a SequencedOp in cereal portable binary.
// A record that is short, fails its checksum, does not decode or breaks the
// seq order marks a torn tail (a crash mid-write): it and everything after it
// are reported and cut off when the board is opened, never served.
#include <filesystem>

#include "config.hpp"
#include "store/board_store.hpp"

namespace squiggle::server {

class FileBoardStore : public BoardStore {
public:
    FileBoardStore(std::filesystem::path data_dir, FsyncPolicy fsync);

    std::unique_ptr<BoardLog> open(const std::string& board_id, std::error_code& ec) override;

    std::filesystem::path path_of(const std::string& board_id) const;

private:
    std::filesystem::path boards_dir_;
    FsyncPolicy fsync_;
};

}  // namespace squiggle::server
