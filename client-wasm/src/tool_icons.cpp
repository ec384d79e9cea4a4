#include "tool_icons.hpp"

#include <cmath>

namespace squiggle::client {
namespace {

// Icons are designed on a 16 x 16 grid inside the square.
struct Grid {
    ImVec2 min;
    float unit;
    ImVec2 operator()(float x, float y) const { return ImVec2(min.x + x * unit, min.y + y * unit); }
};

void curved_arrow(ImDrawList* draw, const Grid& g, bool clockwise, ImU32 color, float thickness) {
    // A three-quarter arc with a head at its end.
    const ImVec2 centre = g(8, 9);
    const float r = 4.5f * g.unit;
    const float pi = 3.14159265f;
    const float start = clockwise ? pi * 1.0f : 0.0f;
    const float end = clockwise ? pi * 1.85f : -pi * 0.85f;
    draw->PathArcTo(centre, r, start, end, 16);
    draw->PathStroke(color, 0, thickness);
    const ImVec2 tip(centre.x + r * std::cos(end), centre.y + r * std::sin(end));
    const float side = clockwise ? 1.0f : -1.0f;
    draw->AddTriangleFilled(ImVec2(tip.x + side * 2.6f * g.unit, tip.y - 0.2f * g.unit),
                            ImVec2(tip.x - side * 1.2f * g.unit, tip.y - 2.6f * g.unit),
                            ImVec2(tip.x - side * 0.6f * g.unit, tip.y + 2.2f * g.unit), color);
}

}  // namespace

void draw_tool_icon(ImDrawList* draw, ToolKind tool, ImVec2 min, float size, ImU32 color) {
    const Grid g{min, size / 16.0f};
    const float t = 1.6f * g.unit;
    switch (tool) {
        case ToolKind::kSelect: {
            const ImVec2 points[] = {g(4, 2), g(4, 14), g(7, 11), g(9.2f, 15), g(11, 14), g(8.8f, 10), g(12.5f, 10)};
            draw->AddPolyline(points, 7, color, ImDrawFlags_Closed, t * 0.8f);
            break;
        }
        case ToolKind::kPen: {
            const ImVec2 points[] = {g(2, 11), g(4, 7), g(6, 6), g(7, 9), g(9, 11), g(11, 9), g(12, 5), g(14, 4)};
            draw->AddPolyline(points, 8, color, ImDrawFlags_None, t);
            break;
        }
        case ToolKind::kLine:
            draw->AddLine(g(3, 13), g(13, 3), color, t);
            break;
        case ToolKind::kRectangle:
            draw->AddRect(g(2.5f, 4), g(13.5f, 12), color, 1.0f * g.unit, 0, t);
            break;
        case ToolKind::kEllipse: {
            // ImGui 1.86 has circles only: an ellipse as a closed polyline.
            ImVec2 points[32];
            for (int i = 0; i < 32; ++i) {
                const float a = 6.2831853f * static_cast<float>(i) / 32.0f;
                points[i] = g(8 + 5.8f * std::cos(a), 8 + 4.4f * std::sin(a));
            }
            draw->AddPolyline(points, 32, color, ImDrawFlags_Closed, t);
            break;
        }
        case ToolKind::kArrow:
            draw->AddLine(g(3, 13), g(12.5f, 3.5f), color, t);
            draw->AddLine(g(13, 3), g(7.5f, 3.5f), color, t);
            draw->AddLine(g(13, 3), g(12.5f, 8.5f), color, t);
            break;
        case ToolKind::kText:
            draw->AddLine(g(3, 3.5f), g(13, 3.5f), color, t * 1.2f);
            draw->AddLine(g(8, 3.5f), g(8, 13.5f), color, t * 1.2f);
            draw->AddLine(g(6, 13.5f), g(10, 13.5f), color, t);
            break;
        case ToolKind::kEraser: {
            // A tilted block with a light tip.
            const ImVec2 body[] = {g(6, 4), g(13, 11), g(10, 14), g(3, 7)};
            draw->AddQuad(body[0], body[1], body[2], body[3], color, t * 0.9f);
            draw->AddLine(g(6.5f, 10.5f), g(9.5f, 7.5f), color, t * 0.9f);
            draw->AddLine(g(9, 14.5f), g(14, 14.5f), color, t * 0.7f);
            break;
        }
    }
}

void draw_action_icon(ImDrawList* draw, ActionIcon icon, ImVec2 min, float size, ImU32 color) {
    const Grid g{min, size / 16.0f};
    const float t = 1.6f * g.unit;
    switch (icon) {
        case ActionIcon::kUndo: curved_arrow(draw, g, false, color, t); break;
        case ActionIcon::kRedo: curved_arrow(draw, g, true, color, t); break;
        case ActionIcon::kClear:
            // A bin: lid, handle, body with ribs.
            draw->AddLine(g(3, 4.5f), g(13, 4.5f), color, t);
            draw->AddRect(g(6.5f, 2.5f), g(9.5f, 4.5f), color, 0.0f, 0, t * 0.7f);
            draw->AddQuad(g(4.5f, 5.5f), g(11.5f, 5.5f), g(10.8f, 14), g(5.2f, 14), color, t * 0.9f);
            draw->AddLine(g(7, 7.5f), g(7, 12), color, t * 0.6f);
            draw->AddLine(g(9, 7.5f), g(9, 12), color, t * 0.6f);
            break;
    }
}

}  // namespace squiggle::client
