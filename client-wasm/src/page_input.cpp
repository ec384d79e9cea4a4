#include "page_input.hpp"

#include <emscripten/emscripten.h>

#include <utility>

namespace {
squiggle::client::PageInput* g_input = nullptr;
}  // namespace

// Pointer types and event types are passed as small integers:
// type 0 down, 1 move, 2 up, 3 cancel; kind 0 mouse, 1 pen, 2 touch;
// button 0 main, 1 middle; shift 0 or 1.
EM_JS(void, squiggle_js_listen_to_canvas, (const char* selector_ptr), {
    var canvas = document.querySelector(UTF8ToString(selector_ptr));
    if (!canvas) return;
    var kinds = { "mouse": 0, "pen": 1, "touch": 2 };
    function send(type, e) {
        var rect = canvas.getBoundingClientRect();
        var kind = kinds[e.pointerType];
        _squiggle_internal_pointer_event(type, e.pointerId, kind === undefined ? 0 : kind,
                                         e.clientX - rect.left, e.clientY - rect.top, e.button == 1 ? 1 : 0,
                                         e.shiftKey ? 1 : 0);
    }
    canvas.addEventListener("pointerdown", function(e) {
        /* The main button draws, the middle one pans (ViewNavigation). */
        if (e.pointerType == "mouse" && e.button != 0 && e.button != 1) return;
        /* Never for the main mouse button: that would also cancel the mousedown GLFW and ImGui
           rely on. The middle one would start the browser's autoscroll. */
        if (e.pointerType != "mouse" || e.button == 1) e.preventDefault();
        try { canvas.setPointerCapture(e.pointerId); } catch (err) {}
        send(0, e);
    });
    canvas.addEventListener("pointermove", function(e) {
        var samples = typeof e.getCoalescedEvents == "function" ? e.getCoalescedEvents() : [];
        if (samples.length == 0) samples = [e];
        for (var i = 0; i < samples.length; ++i) send(1, samples[i]);
    });
    canvas.addEventListener("pointerup", function(e) { send(2, e); });
    canvas.addEventListener("pointercancel", function(e) { send(3, e); });
    /* Shortcuts are read here rather than through ImGui 1.86, which only sees a
       key that is still down when a frame starts, and so loses quick presses. */
    window.addEventListener("keydown", function(e) {
        if (e.repeat) return;
        var letter = 0;
        if (/^[a-zA-Z]$/.test(e.key)) letter = e.key.toUpperCase().charCodeAt(0);
        else if (/^Key[A-Z]$/.test(e.code)) letter = e.code.charCodeAt(3);
        var special = { "Delete": 1, "Backspace": 2, "Escape": 3 }[e.key] || 0;
        if (!letter && !special) return;
        _squiggle_internal_key(letter, special, e.ctrlKey ? 1 : 0, e.shiftKey ? 1 : 0, e.metaKey ? 1 : 0,
                               e.altKey ? 1 : 0);
    }, true);
    var wake = function() { _squiggle_internal_input_activity(); };
    ["keydown", "keyup", "wheel", "mousemove", "mousedown", "mouseup", "focus", "blur"].forEach(function(name) {
        window.addEventListener(name, wake, { passive: true, capture: true });
    });
});

extern "C" {

EMSCRIPTEN_KEEPALIVE void squiggle_internal_pointer_event(int type, int pointer_id, int kind, double x, double y,
                                                           int button, int shift) {
    using squiggle::client::PointerEvent;
    using squiggle::client::PointerKind;
    if (!g_input || type < 0 || type > 3) return;
    PointerEvent event;
    event.type = static_cast<PointerEvent::Type>(type);
    event.pointer_id = pointer_id;
    event.kind = kind == 2 ? PointerKind::kTouch : kind == 1 ? PointerKind::kPen : PointerKind::kMouse;
    event.x = x;
    event.y = y;
    event.button = button;
    event.shift = shift != 0;
    g_input->record(event);
}

// special: 0 none, 1 Delete, 2 Backspace, 3 Escape; modifiers 0 or 1.
EMSCRIPTEN_KEEPALIVE void squiggle_internal_key(int letter, int special, int ctrl, int shift, int meta, int alt) {
    using squiggle::client::KeyPress;
    if (!g_input || special < 0 || special > 3) return;
    KeyPress key;
    key.letter = letter >= 'A' && letter <= 'Z' ? static_cast<char>(letter) : 0;
    key.special = static_cast<KeyPress::Special>(special);
    key.ctrl = ctrl != 0;
    key.shift = shift != 0;
    key.meta = meta != 0;
    key.alt = alt != 0;
    g_input->record_key(key);
}

EMSCRIPTEN_KEEPALIVE void squiggle_internal_input_activity() {
    if (g_input) g_input->mark_activity();
}

}  // extern "C"

namespace squiggle::client {

PageInput& PageInput::install(const std::string& canvas_selector) {
    if (!g_input) {
        g_input = new PageInput();  // lives as long as the page
        squiggle_js_listen_to_canvas(canvas_selector.c_str());
    }
    return *g_input;
}

std::vector<PointerEvent> PageInput::take_pointer_events() {
    return std::exchange(events_, {});
}

std::vector<KeyPress> PageInput::take_key_presses() {
    return std::exchange(keys_, {});
}

void PageInput::record_key(const KeyPress& key) {
    mark_activity();
    keys_.push_back(key);
}

void PageInput::mark_activity() {
    last_activity_ms_ = emscripten_get_now();
}

void PageInput::record(const PointerEvent& event) {
    mark_activity();
    events_.push_back(event);
    last_kind_ = event.kind;
    if (event.kind == PointerKind::kMouse) return;
    touch_.x = event.x;
    touch_.y = event.y;
    switch (event.type) {
        case PointerEvent::Type::kDown:
            touch_.down = true;
            pressed_since_frame_ = true;
            break;
        case PointerEvent::Type::kUp:
        case PointerEvent::Type::kCancel:
            touch_.down = false;
            released_since_frame_ = true;
            break;
        case PointerEvent::Type::kMove:
            break;
    }
}

std::optional<PageInput::UiPointer> PageInput::ui_pointer_for_frame() {
    if (last_kind_ == PointerKind::kMouse) return std::nullopt;
    UiPointer now = touch_;
    now.down = touch_.down || pressed_since_frame_;
    // After the release frame a lifted finger hovers nothing.
    now.present = now.down || released_since_frame_;
    // A tap that went down and up since the last frame was shown pressed this
    // frame; its release is shown (at the same spot) next frame.
    released_since_frame_ = pressed_since_frame_ && released_since_frame_ && !touch_.down;
    pressed_since_frame_ = false;
    return now;
}

}  // namespace squiggle::client
