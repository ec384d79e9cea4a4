#pragma once
// Rooms over the embedded store: boards open synchronously from local files.
#include <map>
#include <mutex>

#include "room_registry.hpp"
#include "store/board_store.hpp"

namespace squiggle::server {

class EmbeddedRoomRegistry : public RoomRegistry {
public:
    EmbeddedRoomRegistry(BoardStore& store, RoomSettings settings) : store_(store), settings_(std::move(settings)) {}

    void acquire(const std::string& board_id, const std::string& key, Opened done) override;
    std::size_t open_rooms() override;

private:
    BoardStore& store_;
    RoomSettings settings_;
    std::mutex mutex_;
    std::map<std::string, std::weak_ptr<Room>> rooms_;
};

}  // namespace squiggle::server
