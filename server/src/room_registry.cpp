#include "room_registry.hpp"

namespace squiggle::server {

std::shared_ptr<Room> RoomRegistry::acquire(const std::string& board_id, std::error_code& ec) {
    std::lock_guard lock(mutex_);
    if (auto room = rooms_[board_id].lock()) return room;
    // Opening under the lock keeps two joiners from opening one file twice.
    auto log = store_.open(board_id, ec);
    if (!log) {
        rooms_.erase(board_id);
        return nullptr;
    }
    auto room = Room::open(board_id, std::move(log), settings_);
    if (!room) {
        ec = std::make_error_code(std::errc::illegal_byte_sequence);
        rooms_.erase(board_id);
        return nullptr;
    }
    rooms_[board_id] = room;
    // Forget rooms nobody holds any more.
    std::erase_if(rooms_, [](const auto& entry) { return entry.second.expired(); });
    return room;
}

std::size_t RoomRegistry::open_rooms() {
    std::lock_guard lock(mutex_);
    std::erase_if(rooms_, [](const auto& entry) { return entry.second.expired(); });
    return rooms_.size();
}

}  // namespace squiggle::server
