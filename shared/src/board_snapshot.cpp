// Snapshots: the whole board as cereal portable binary, points compacted.
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/deque.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>
#include <sstream>

#include "view_buf.hpp"

#include "squiggle/board.hpp"

namespace squiggle {
namespace {
constexpr std::uint32_t kSnapshotMagic = 0x53515342;  // "SQSB"
constexpr std::uint16_t kSnapshotVersion = 1;

}  // namespace

template <class Archive>
void Board::Change::serialize(Archive& ar) {
    ar(id, z, found, produced);
}

template <class Archive>
void Board::Action::serialize(Archive& ar) {
    ar(applied_seq, changes);
}

template <class Archive>
void Board::History::serialize(Archive& ar) {
    ar(undo, redo);
}

template <class Archive>
void Board::serialize(Archive& ar) {
    ar(head_seq_, next_z_, meta_, by_z_, histories_);
}

std::string Board::snapshot() const {
    std::ostringstream out;
    {
        cereal::PortableBinaryOutputArchive ar(out);
        ar(kSnapshotMagic, kSnapshotVersion);
        ar(const_cast<Board&>(*this));
    }
    return std::move(out).str();
}

std::optional<Board> Board::from_snapshot(std::string_view bytes) {
    Board board;
    try {
        detail::ViewBuf buf(bytes);
        std::istream in(&buf);
        DecodeScope scope(&buf);
        cereal::PortableBinaryInputArchive ar(in);
        std::uint32_t magic = 0;
        std::uint16_t version = 0;
        ar(magic, version);
        if (magic != kSnapshotMagic || version != kSnapshotVersion) return std::nullopt;
        ar(board);
        if (!buf.at_end()) return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
    // Rebuild what the snapshot leaves out: z ownership follows from meta.
    for (const auto& [id, meta] : board.meta_) board.z_owner_[meta.z] = id;
    board.revision_ = 1;
    board.layout_revision_ = 1;
    return board;
}

}  // namespace squiggle
