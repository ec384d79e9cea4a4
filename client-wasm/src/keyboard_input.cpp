#include "keyboard_input.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app.hpp"

namespace squiggle::client {

void dispatch_shortcuts(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    KeyPress base;
    base.ctrl = io.KeyCtrl;
    base.shift = io.KeyShift;
    base.meta = io.KeySuper;
    base.alt = io.KeyAlt;
    // ImGui 1.86 indexes keys by the backend's codes: GLFW's, where letters
    // are their upper-case ASCII codes.
    for (int key = GLFW_KEY_A; key <= GLFW_KEY_Z; ++key) {
        if (!ImGui::IsKeyPressed(key, false)) continue;
        KeyPress press = base;
        press.letter = static_cast<char>(key);
        app.handle_key(press, io.WantTextInput);
    }
    const struct {
        int key;
        KeyPress::Special special;
    } specials[] = {{GLFW_KEY_DELETE, KeyPress::Special::kDelete},
                    {GLFW_KEY_BACKSPACE, KeyPress::Special::kBackspace},
                    {GLFW_KEY_ESCAPE, KeyPress::Special::kEscape}};
    for (const auto& s : specials) {
        if (!ImGui::IsKeyPressed(s.key, false)) continue;
        KeyPress press = base;
        press.special = s.special;
        app.handle_key(press, io.WantTextInput);
    }
}

}  // namespace squiggle::client
