#pragma once
// Reads this frame's key presses from ImGui (which GLFW feeds) and hands them
// to App as shortcuts, telling it whether a text field has the keyboard.
namespace squiggle::client {

class App;

void dispatch_shortcuts(App& app);

}  // namespace squiggle::client
