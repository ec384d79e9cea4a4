#pragma once
// An App over a SyncClient whose server is a FakeTransport the test plays,
// with helpers for pointer gestures in CSS pixels.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "app.hpp"
#include "fakes.hpp"
#include "squiggle/board_id.hpp"

namespace squiggle::client::test {

inline const std::string kBoard = board_id_from_bytes({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
inline const std::string kKey = board_id_from_bytes({9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
inline constexpr std::uint64_t kMe = 0xA11CE;

struct Harness {
    FakeTransport transport;
    ManualTimers timers;
    NoticeLog notices;
    SyncClient sync;
    App app;

    explicit Harness(std::string key = kKey)
        : sync(transport, timers, settings(std::move(key)),
               [this](NoticeLevel level, std::string text) { notices.add(level, std::move(text)); }),
          app(sync, notices, Identity{"Ada", 0x1C7ED6FF}) {}

    static SyncSettings settings(std::string key) {
        SyncSettings s;
        s.server_url = "ws://127.0.0.1:1/ws";
        s.board_id = kBoard;
        s.key = std::move(key);
        s.author = kMe;
        s.name = "Ada";
        return s;
    }

    void join(Role role) {
        sync.start();
        transport.accept();
        transport.deliver(Welcome{kBoard, kMe, 0, role, role == Role::kEditor ? kKey : ""});
    }

    static PointerEvent event(PointerEvent::Type type, double x, double y, bool shift = false) {
        PointerEvent e{type, 1, PointerKind::kMouse, x, y};
        e.shift = shift;
        return e;
    }

    void drag(double x0, double y0, double x1, double y1) {
        app.handle_pointer_events({event(PointerEvent::Type::kDown, x0, y0), event(PointerEvent::Type::kMove, x1, y1),
                                   event(PointerEvent::Type::kUp, x1, y1)},
                                  false);
    }

    // Presses at the first point, moves through the others, releases at the last.
    void gesture(const std::vector<std::pair<double, double>>& path, bool shift = false) {
        std::vector<PointerEvent> events{event(PointerEvent::Type::kDown, path.front().first, path.front().second, shift)};
        for (std::size_t i = 1; i < path.size(); ++i) {
            events.push_back(event(PointerEvent::Type::kMove, path[i].first, path[i].second, shift));
        }
        events.push_back(event(PointerEvent::Type::kUp, path.back().first, path.back().second, shift));
        app.handle_pointer_events(events, false);
    }

    void click(double x, double y, bool shift = false) { gesture({{x, y}}, shift); }

    // The ops submitted so far, oldest first.
    std::vector<Op> ops() const {
        std::vector<Op> out;
        for (const SubmitOp& s : transport.sent_of<SubmitOp>()) out.push_back(s.op);
        return out;
    }
    template <class Kind>
    Kind last_op() const {
        const std::vector<Op> all = ops();
        REQUIRE_FALSE(all.empty());
        REQUIRE(std::holds_alternative<Kind>(all.back()));
        return std::get<Kind>(all.back());
    }
};

}  // namespace squiggle::client::test
