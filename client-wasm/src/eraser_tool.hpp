#pragma once
// The eraser. Dragged over the board it removes every object it touches,
// shown gone at once and sent as one erase op on release (so one undo brings
// them all back). In partial mode it cuts freehand strokes instead, leaving
// the parts it did not touch (one partial-erase op per stroke); shapes and
// text it touches are still removed whole.
#include <vector>

#include "tool.hpp"

namespace squiggle::client {

class EraserTool : public Tool {
public:
    explicit EraserTool(ToolHost& host) : host_(host) {}

    void press(Point p, Modifiers modifiers) override;
    void drag(Point p) override;
    void release(Point p) override;
    void cancel() override;
    bool active() const override { return active_; }
    std::vector<Op> provisional() const override { return provisional_; }

    // The eraser's radius in model units.
    double radius() const;

private:
    void extend(Point p);
    // The ops the gesture so far stands for; `next_id` names cut pieces.
    std::vector<Op> ops(const std::function<ObjectId()>& next_id);

    ToolHost& host_;
    bool active_ = false;
    std::vector<Point> path_;
    Selection touched_;  // objects removed whole
    std::vector<Op> provisional_;
};

}  // namespace squiggle::client
