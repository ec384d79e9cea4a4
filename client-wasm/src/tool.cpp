#include "tool.hpp"

namespace squiggle::client {

const char* tool_id(ToolKind kind) {
    switch (kind) {
        case ToolKind::kPen: return "pen";
        case ToolKind::kLine: return "line";
        case ToolKind::kRectangle: return "rectangle";
        case ToolKind::kEllipse: return "ellipse";
        case ToolKind::kArrow: return "arrow";
        case ToolKind::kText: return "text";
        case ToolKind::kEraser: return "eraser";
        case ToolKind::kSelect: return "select";
    }
    return "";
}

const char* tool_label(ToolKind kind) {
    switch (kind) {
        case ToolKind::kPen: return "Pen";
        case ToolKind::kLine: return "Line";
        case ToolKind::kRectangle: return "Rectangle";
        case ToolKind::kEllipse: return "Ellipse";
        case ToolKind::kArrow: return "Arrow";
        case ToolKind::kText: return "Text";
        case ToolKind::kEraser: return "Eraser";
        case ToolKind::kSelect: return "Select";
    }
    return "";
}

char tool_shortcut(ToolKind kind) {
    switch (kind) {
        case ToolKind::kPen: return 'P';
        case ToolKind::kLine: return 'L';
        case ToolKind::kRectangle: return 'R';
        case ToolKind::kEllipse: return 'O';
        case ToolKind::kArrow: return 'A';
        case ToolKind::kText: return 'T';
        case ToolKind::kEraser: return 'E';
        case ToolKind::kSelect: return 'V';
    }
    return 0;
}

}  // namespace squiggle::client
