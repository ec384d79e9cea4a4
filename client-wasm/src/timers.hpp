#pragma once
// Delayed callbacks, behind an interface so the reconnect and timeout logic
// can run on the browser's setTimeout or on a test's manual clock.
#include <cstdint>
#include <functional>

namespace squiggle::client {

class Timers {
public:
    using Id = std::uint64_t;  // 0 never names a timer

    virtual ~Timers() = default;
    virtual Id start(int delay_ms, std::function<void()> callback) = 0;
    // Cancelling a timer that already fired (or 0) does nothing.
    virtual void cancel(Id id) = 0;
};

}  // namespace squiggle::client
