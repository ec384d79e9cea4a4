#pragma once
// Group commit for "--fsync batch": rooms that appended ops ask for a sync;
// one thread waits a few milliseconds to gather more of them, then syncs each
// room once, which makes all of its ops durable and acknowledges them at once.
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace squiggle::server {

class Room;

class GroupCommit {
public:
    explicit GroupCommit(std::chrono::microseconds window);
    ~GroupCommit();  // syncs what is pending, then stops

    void request(const std::shared_ptr<Room>& room);
    // Syncs everything requested so far, on the caller's thread.
    void flush_now();

private:
    void run();

    std::chrono::microseconds window_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<const Room*, std::weak_ptr<Room>> pending_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace squiggle::server
