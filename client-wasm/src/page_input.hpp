#pragma once
// Input from the page for drawing: the canvas's pointer events (mouse, pen and
// touch alike, with the browser's coalesced in-between samples for smooth
// lines), the key presses that may be shortcuts, plus an activity signal that
// wakes the renderer up.
//
// ImGui gets the mouse from GLFW, which cannot follow touches (it reports a
// press at a stale position). For touch and pen this class also says where
// ImGui should see the pointer.
#include <optional>
#include <string>
#include <vector>

#include "pointer_event.hpp"
#include "shortcuts.hpp"

namespace squiggle::client {

class PageInput {
public:
    // Starts listening on the canvas. One instance per page: the browser's
    // listeners call into it.
    static PageInput& install(const std::string& canvas_selector);

    // The pointer events since the last call, oldest first.
    std::vector<PointerEvent> take_pointer_events();

    // Letter, Delete, Backspace and Escape presses since the last call, oldest first.
    std::vector<KeyPress> take_key_presses();

    // Time (performance.now() ms) of the latest input of any kind.
    double last_activity_ms() const { return last_activity_ms_; }

    // Where ImGui should see the pointer this frame, in CSS pixels, when the
    // latest pointer was a touch or a pen; nullopt while the mouse is in charge.
    struct UiPointer {
        bool present = false;  // false: nothing hovers the interface
        double x = 0;
        double y = 0;
        bool down = false;
    };
    std::optional<UiPointer> ui_pointer_for_frame();

    // Called by the browser's listeners.
    void record(const PointerEvent& event);
    void record_key(const KeyPress& key);
    void mark_activity();

private:
    PageInput() = default;

    std::vector<PointerEvent> events_;
    std::vector<KeyPress> keys_;
    double last_activity_ms_ = 0;

    PointerKind last_kind_ = PointerKind::kMouse;
    UiPointer touch_;
    // A tap can go down and up between two frames: ImGui must still see it
    // pressed for one frame, and at its position for the frame after.
    bool pressed_since_frame_ = false;
    bool released_since_frame_ = false;
};

}  // namespace squiggle::client
