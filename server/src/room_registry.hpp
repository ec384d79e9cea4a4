#pragma once
// The rooms of the boards that someone has open. A room lives while any
// connection holds it; the next join after that reopens the board from storage.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>

#include "room.hpp"
#include "store/board_store.hpp"

namespace squiggle::server {

class RoomRegistry {
public:
    RoomRegistry(BoardStore& store, RoomSettings settings) : store_(store), settings_(std::move(settings)) {}

    // The room of a (validated) board id, opening it if needed.
    std::shared_ptr<Room> acquire(const std::string& board_id, std::error_code& ec);

    std::size_t open_rooms();

private:
    BoardStore& store_;
    RoomSettings settings_;
    std::mutex mutex_;
    std::map<std::string, std::weak_ptr<Room>> rooms_;
};

}  // namespace squiggle::server
