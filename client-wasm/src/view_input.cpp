#include "view_input.hpp"

#include <emscripten/emscripten.h>

#include <utility>

namespace {
squiggle::client::ViewInput* g_view_input = nullptr;
}  // namespace

// Keys are passed as small integers: 0 zoom in, 1 zoom out, 2 100%, 3 fit.
EM_JS(void, squiggle_js_listen_for_view_input, (const char* selector_ptr), {
    var canvas = document.querySelector(UTF8ToString(selector_ptr));
    if (!canvas) return;
    /* Not passive: ctrl+wheel (and a trackpad pinch) would zoom the whole page. */
    canvas.addEventListener("wheel", function(e) {
        e.preventDefault();
        var rect = canvas.getBoundingClientRect();
        /* Lines and pages into CSS pixels. */
        var unit = e.deltaMode == 1 ? 16 : e.deltaMode == 2 ? rect.height : 1;
        _squiggle_internal_wheel(e.clientX - rect.left, e.clientY - rect.top, e.deltaX * unit, e.deltaY * unit,
                                 e.ctrlKey ? 1 : 0, e.shiftKey ? 1 : 0);
    }, { passive: false });
    window.addEventListener("keydown", function(e) {
        if (e.code == "Space") {
            _squiggle_internal_space(1);
            return;
        }
        /* Ctrl/Cmd/Alt combinations are the browser's (ctrl+plus zooms the page). */
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        var key = -1;
        if (e.key == "+" || e.key == "=") key = 0;
        else if (e.key == "-" || e.key == "_") key = 1;
        else if (e.key == "0" && !e.shiftKey) key = 2;
        else if (e.code == "Digit1" && e.shiftKey) key = 3;
        if (key >= 0) _squiggle_internal_view_key(key);
    });
    window.addEventListener("keyup", function(e) {
        if (e.code == "Space") _squiggle_internal_space(0);
    });
    /* A key released while the page had no focus never sends keyup. */
    window.addEventListener("blur", function() { _squiggle_internal_space(0); });
});

extern "C" {

EMSCRIPTEN_KEEPALIVE void squiggle_internal_wheel(double x, double y, double dx, double dy, int ctrl, int shift) {
    if (g_view_input) g_view_input->record(squiggle::client::WheelInput{x, y, dx, dy, ctrl != 0, shift != 0});
}

EMSCRIPTEN_KEEPALIVE void squiggle_internal_view_key(int key) {
    if (g_view_input && key >= 0 && key <= 3) g_view_input->record(static_cast<squiggle::client::ViewKey>(key));
}

EMSCRIPTEN_KEEPALIVE void squiggle_internal_space(int held) {
    if (g_view_input) g_view_input->set_space_held(held != 0);
}

}  // extern "C"

namespace squiggle::client {

ViewInput& ViewInput::install(const std::string& canvas_selector) {
    if (!g_view_input) {
        g_view_input = new ViewInput();  // lives as long as the page
        squiggle_js_listen_for_view_input(canvas_selector.c_str());
    }
    return *g_view_input;
}

std::vector<WheelInput> ViewInput::take_wheel_events() { return std::exchange(wheel_, {}); }

std::vector<ViewKey> ViewInput::take_keys() { return std::exchange(keys_, {}); }

}  // namespace squiggle::client
