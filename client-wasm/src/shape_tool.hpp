#pragma once
// Line, rectangle, ellipse and arrow: dragged from one corner (or the start)
// to the other (or the end). A click without a drag makes nothing.
#include <optional>

#include "tool.hpp"

namespace squiggle::client {

class ShapeTool : public Tool {
public:
    ShapeTool(ToolHost& host, ShapeKind kind) : host_(host), kind_(kind) {}

    void press(Point p, Modifiers modifiers) override;
    void drag(Point p) override;
    void release(Point p) override;
    void cancel() override;
    bool active() const override { return shape_.has_value(); }
    std::vector<Object> preview() const override;

private:
    ToolHost& host_;
    ShapeKind kind_;
    std::optional<ShapeOp> shape_;  // while dragging
};

}  // namespace squiggle::client
