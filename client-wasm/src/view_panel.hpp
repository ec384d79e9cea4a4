#pragma once
// The tool panel's "View" section: the zoom level, zoom out / in / 100% and
// "Fit" (show every object), with the keyboard shortcuts in tooltips.
#include "app.hpp"
#include "view_navigation.hpp"

namespace squiggle::client {

// The tool panel's name in ui_rects.
inline constexpr const char* kToolPanel = "tool panel";

// `css_width`, `css_height`: the canvas's size, about whose centre it zooms.
void draw_view_section(App& app, const ViewNavigation& navigation, double css_width, double css_height);

}  // namespace squiggle::client
