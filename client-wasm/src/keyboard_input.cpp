#include "keyboard_input.hpp"

#include <imgui.h>

#include "app.hpp"

namespace squiggle::client {

void dispatch_shortcuts(App& app, const std::vector<KeyPress>& keys) {
    const bool typing = ImGui::GetIO().WantTextInput;
    for (const KeyPress& key : keys) app.handle_key(key, typing);
}

}  // namespace squiggle::client
