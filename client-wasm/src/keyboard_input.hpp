#pragma once
// Hands the key presses the page saw to App as possible shortcuts, telling it
// whether one of the interface's text fields has the keyboard.
#include <vector>

#include "shortcuts.hpp"

namespace squiggle::client {

class App;

void dispatch_shortcuts(App& app, const std::vector<KeyPress>& keys);

}  // namespace squiggle::client
