#pragma once
// Embedded storage: files per board under <data-dir>/boards/.
//
//   <id>.log   the magic "SQGLOG01", then records of
//              u32 payload length | u64 XXH64 of the payload | payload
//              (little-endian); each payload a SequencedOp in cereal
//              portable binary. A record that is short, fails its checksum,
//              does not decode or breaks the seq order marks a torn tail (a
//              crash mid-write): it and everything after it are reported and
//              cut off when the board is opened, never served.
//   <id>.snap  the magic "SQGSNP01", u64 seq, u64 XXH64 of the bytes, the
//              bytes. Written to a temporary file, fsync'd and renamed, so it
//              is either the old snapshot or the new one, never half of one.
//   <id>.keys  the edit and view keys, written once the same way.
//
// Compaction writes the snapshot first, then a new log holding only the ops
// after it (again temporary file + rename): a crash between the two leaves a
// log whose first ops the snapshot already covers, and they are skipped.
#include <filesystem>

#include "config.hpp"
#include "store/board_store.hpp"

namespace squiggle::server {

class FileBoardStore : public BoardStore {
public:
    FileBoardStore(std::filesystem::path data_dir, FsyncPolicy fsync);

    std::unique_ptr<BoardLog> open(const std::string& board_id, std::error_code& ec) override;

    std::filesystem::path path_of(const std::string& board_id, const char* extension = ".log") const;

private:
    std::filesystem::path boards_dir_;
    FsyncPolicy fsync_;
};

}  // namespace squiggle::server
