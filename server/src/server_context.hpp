#pragma once
// What every connection shares: the configuration, the rooms, the counters,
// and the list of live WebSocket sessions (to close them on shutdown).
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

#include "config.hpp"
#include "metrics.hpp"
#include "room_registry.hpp"

namespace squiggle::server {

class WsSession;

class SessionSet {
public:
    void add(const std::shared_ptr<WsSession>& s) {
        std::lock_guard lock(mutex_);
        sessions_.insert(s);
    }
    void remove(const std::shared_ptr<WsSession>& s) {
        std::lock_guard lock(mutex_);
        sessions_.erase(s);
    }
    std::vector<std::shared_ptr<WsSession>> snapshot() {
        std::lock_guard lock(mutex_);
        std::vector<std::shared_ptr<WsSession>> live;
        for (const auto& w : sessions_) {
            if (auto s = w.lock()) live.push_back(std::move(s));
        }
        return live;
    }
    std::size_t size() {
        std::lock_guard lock(mutex_);
        return sessions_.size();
    }

private:
    std::mutex mutex_;
    std::set<std::weak_ptr<WsSession>, std::owner_less<std::weak_ptr<WsSession>>> sessions_;
};

struct ServerContext {
    const ServerConfig& config;
    RoomRegistry& rooms;
    Metrics& metrics;
    SessionSet& sessions;
    std::atomic<bool>& shutting_down;
};

}  // namespace squiggle::server
