#pragma once
// The rooms of the boards that someone has open. A room lives while any
// connection holds it; the next join after that opens the board again.
// Two kinds: the embedded one opens boards from the local store, the Redis
// one loads them from the Redis that several processes share.
#include <functional>
#include <memory>
#include <string>

#include "room.hpp"

namespace squiggle::server {

class RoomRegistry {
public:
    virtual ~RoomRegistry() = default;

    // Called with the room, or with nullptr and why not. May run at once, on
    // the caller's thread, or later on another thread.
    using Opened = std::function<void(std::shared_ptr<Room> room, ErrorCode error, std::string reason)>;

    // The room of a (validated) board id, opening it if needed. `key` is the
    // joiner's link key: a board that does not exist yet is created with it.
    virtual void acquire(const std::string& board_id, const std::string& key, Opened done) = 0;

    virtual std::size_t open_rooms() = 0;
};

}  // namespace squiggle::server
