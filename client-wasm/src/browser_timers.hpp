#pragma once
// Timers on the browser's setTimeout. Unlike the frame loop, timeouts keep
// running (throttled) in a background tab, so reconnects happen there too.
#include <map>
#include <memory>

#include "timers.hpp"

namespace squiggle::client {

class BrowserTimers final : public Timers {
public:
    BrowserTimers() = default;
    ~BrowserTimers() override;
    BrowserTimers(const BrowserTimers&) = delete;
    BrowserTimers& operator=(const BrowserTimers&) = delete;

    Id start(int delay_ms, std::function<void()> callback) override;
    void cancel(Id id) override;

private:
    struct Task {
        BrowserTimers* owner;
        Id id;
        long handle;  // setTimeout's id
        std::function<void()> callback;
    };
    static void fire(void* task);

    Id next_id_ = 1;
    std::map<Id, std::unique_ptr<Task>> tasks_;
};

}  // namespace squiggle::client
