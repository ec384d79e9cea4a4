#include "embedded_room_registry.hpp"

#include "log.hpp"

namespace squiggle::server {

void EmbeddedRoomRegistry::acquire(const std::string& board_id, const std::string&, Opened done) {
    std::shared_ptr<Room> room;
    std::error_code ec;
    {
        std::lock_guard lock(mutex_);
        room = rooms_[board_id].lock();
        if (!room) {
            // Opening under the lock keeps two joiners from opening one file twice.
            auto log = store_.open(board_id, ec);
            if (log) {
                room = Room::open(board_id, std::move(log), settings_);
                if (!room) ec = std::make_error_code(std::errc::illegal_byte_sequence);
            }
            if (room) {
                rooms_[board_id] = room;
            } else {
                rooms_.erase(board_id);
            }
            // Forget rooms nobody holds any more.
            std::erase_if(rooms_, [](const auto& entry) { return entry.second.expired(); });
        }
    }
    if (!room) {
        log_error("board " + board_id + ": cannot open: " + ec.message());
        done(nullptr, ErrorCode::kStorageFailure, "the board cannot be opened right now");
        return;
    }
    done(std::move(room), ErrorCode::kStorageFailure, "");
}

std::size_t EmbeddedRoomRegistry::open_rooms() {
    std::lock_guard lock(mutex_);
    std::erase_if(rooms_, [](const auto& entry) { return entry.second.expired(); });
    return rooms_.size();
}

}  // namespace squiggle::server
