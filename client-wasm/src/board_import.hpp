#pragma once
// Importing a board file: the imported objects replace what the board shows,
// for everyone. A board with objects is first cleared (one ClearOp, undoable
// like any clear),
// then each object is submitted as the op that creates it, with a new id of
// this user's. Ops go out at a steady pace below the server's per-connection
// rate limit (60 ops/s by default), so a big file is not refused halfway.
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "app.hpp"
#include "squiggle/board.hpp"

namespace squiggle::client {

class BoardImport {
public:
    // At most this many ops per second, after a first burst of as many.
    static constexpr double kOpsPerSecond = 30.0;
    static constexpr double kBurst = 30.0;

    // Queues the clear and `objects` (back to front). False (nothing queued)
    // when this page may not draw; an import under way is replaced.
    bool start(App& app, std::vector<Object> objects, double now_ms);
    // Submits the queued ops the pace allows by `now_ms`.
    void pump(App& app, double now_ms);

    bool busy() const { return !queue_.empty(); }
    std::size_t remaining() const { return queue_.size(); }

private:
    std::deque<Op> queue_;
    double tokens_ = 0;
    double last_ms_ = 0;
};

// Reads a board file the user picked (`name` for messages) and starts
// importing it, telling the user what happens through the app's notices.
// False when the file was refused or this page may not draw.
bool import_board_file(App& app, BoardImport& import, const std::string& name, std::string_view text,
                       double now_ms);

}  // namespace squiggle::client
