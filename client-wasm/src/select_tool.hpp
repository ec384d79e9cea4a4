#pragma once
// Selecting and moving. A click on an object selects it (Shift adds it, or
// takes it out again); dragging a selected object moves the whole selection
// (one transform op on release); dragging from empty space draws a box that
// selects every object entirely inside it (Shift keeps the earlier selection).
#include <optional>

#include "hit_test.hpp"
#include "tool.hpp"

namespace squiggle::client {

class SelectTool : public Tool {
public:
    explicit SelectTool(ToolHost& host) : host_(host) {}

    void press(Point p, Modifiers modifiers) override;
    void drag(Point p) override;
    void release(Point p) override;
    void cancel() override;
    bool active() const override { return mode_ != Mode::kIdle; }
    std::vector<Op> provisional() const override;

    // The selection box being dragged, if any.
    std::optional<Box> marquee() const;

private:
    enum class Mode { kIdle, kMoving, kBoxing };
    // The move of the selection by (dx, dy), as the board sees its objects now.
    std::optional<TransformOp> move_by(std::int32_t dx, std::int32_t dy);

    ToolHost& host_;
    Mode mode_ = Mode::kIdle;
    Point start_;
    Point now_;
    Selection before_box_;  // what Shift keeps while boxing
    std::optional<TransformOp> move_;
};

}  // namespace squiggle::client
