#include "group_commit.hpp"

#include "room.hpp"

namespace squiggle::server {

GroupCommit::GroupCommit(std::chrono::microseconds window) : window_(window), thread_([this] { run(); }) {}

GroupCommit::~GroupCommit() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    flush_now();
}

void GroupCommit::request(const std::shared_ptr<Room>& room) {
    {
        std::lock_guard lock(mutex_);
        pending_.emplace(room.get(), room);
    }
    wake_.notify_one();
}

void GroupCommit::flush_now() {
    std::map<const Room*, std::weak_ptr<Room>> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_);
    }
    for (auto& [key, weak] : batch) {
        if (auto room = weak.lock()) room->sync();
    }
}

void GroupCommit::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
        if (stopping_) break;
        // Let the ops of the next few milliseconds join this fsync.
        wake_.wait_for(lock, window_, [&] { return stopping_; });
        lock.unlock();
        flush_now();
        lock.lock();
    }
}

}  // namespace squiggle::server
