#pragma once
// One pointer event from the canvas, in CSS pixels relative to its top-left
// corner. Mouse, pen and touch all arrive in this one shape.
namespace squiggle::client {

enum class PointerKind { kMouse, kPen, kTouch };

struct PointerEvent {
    enum class Type { kDown, kMove, kUp, kCancel };
    Type type = Type::kMove;
    int pointer_id = 0;
    PointerKind kind = PointerKind::kMouse;
    double x = 0.0;
    double y = 0.0;
    // The mouse button that went down: 0 main (draws), 1 middle (pans).
    int button = 0;
    bool shift = false;  // Shift held: the select tool adds to the selection
};

}  // namespace squiggle::client
