#pragma once
// What every connection shares: the configuration and the rooms.
#include "config.hpp"
#include "room_registry.hpp"

namespace squiggle::server {

struct ServerContext {
    const ServerConfig& config;
    RoomRegistry& rooms;
};

}  // namespace squiggle::server
