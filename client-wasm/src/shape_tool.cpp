#include "shape_tool.hpp"

namespace squiggle::client {

void ShapeTool::press(Point p, Modifiers) {
    const ToolSettings& settings = host_.settings();
    ShapeOp shape;
    shape.kind = kind_;
    shape.from = p;
    shape.to = p;
    shape.color = settings.color;
    shape.width = host_.width_units();
    // Only closed shapes can be filled.
    const bool closed = kind_ == ShapeKind::kRectangle || kind_ == ShapeKind::kEllipse;
    shape.fill = closed && settings.fill_enabled ? settings.fill_color : 0;
    shape_ = shape;
    changed();
}

void ShapeTool::drag(Point p) {
    if (!shape_) return;
    shape_->to = p;
    changed();
}

void ShapeTool::release(Point p) {
    if (!shape_) return;
    shape_->to = p;
    ShapeOp shape = *shape_;
    cancel();
    if (shape.from == shape.to) return;
    shape.id = host_.next_id();
    host_.submit(std::move(shape));
}

void ShapeTool::cancel() {
    shape_.reset();
    changed();
}

std::vector<Object> ShapeTool::preview() const {
    if (!shape_) return {};
    return {*shape_};
}

}  // namespace squiggle::client
