#pragma once
// The freehand pen. Pointer samples jitter by a pixel or two; each point is
// pulled part of the way from the previous smoothed point toward the new
// sample (an exponential moving average), which steadies the line without
// rounding off deliberate corners much. The release point is kept exactly, so
// the stroke ends where the pointer was let go. Points are at most
// kPenMaxSpacingPx apart (straight in-between points fill larger jumps), so
// the eraser's cuts, which fall between points, stay as narrow as the eraser.
#include "stroke_builder.hpp"
#include "tool.hpp"

namespace squiggle::client {

// Where the smoothed line moves when a sample arrives: `previous` moved by
// (1 - kPenSmoothing) of the way toward `sample`, rounded to whole units.
inline constexpr double kPenSmoothing = 0.5;
Point smooth_toward(Point previous, Point sample);
inline constexpr double kPenMaxSpacingPx = 4.0;

class PenTool : public Tool {
public:
    explicit PenTool(ToolHost& host) : host_(host) {}

    void press(Point p, Modifiers modifiers) override;
    void drag(Point p) override;
    void release(Point p) override;
    void cancel() override;
    bool active() const override { return builder_.active(); }
    std::vector<Object> preview() const override;

    const StrokeBuilder& builder() const { return builder_; }

private:
    // Adds `p`, with in-between points where it is far from the last one.
    void add_point(Point p);

    ToolHost& host_;
    StrokeBuilder builder_;
};

}  // namespace squiggle::client
