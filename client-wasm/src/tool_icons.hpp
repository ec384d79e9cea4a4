#pragma once
// Small vector icons for the tool strip, drawn with ImGui's draw list into a
// square: no icon font to load, and sharp at any pixel ratio.
#include <imgui.h>

#include "tool.hpp"

namespace squiggle::client {

enum class ActionIcon { kUndo, kRedo, kClear };

void draw_tool_icon(ImDrawList* draw, ToolKind tool, ImVec2 min, float size, ImU32 color);
void draw_action_icon(ImDrawList* draw, ActionIcon icon, ImVec2 min, float size, ImU32 color);

}  // namespace squiggle::client
