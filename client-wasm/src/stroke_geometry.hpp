#pragma once
// What the GPU draws for a stroke: per segment, a capsule (a segment with
// round ends) that the shaders expand into a quad and shade by distance.
// Consecutive capsules overlap at the points, which gives round joins and
// caps; a single-point stroke is one zero-length capsule (a dot).
#include <array>
#include <cstdint>
#include <vector>

#include "squiggle/op.hpp"

namespace squiggle::client {

// Laid out exactly as the vertex attributes read it (24 bytes).
struct StrokeSegment {
    float from_x, from_y;
    float to_x, to_y;
    float half_width;  // model units; kFillRectangle / kFillEllipse: a filled area spanning from..to
    std::array<std::uint8_t, 4> rgba;
};
static_assert(sizeof(StrokeSegment) == 24, "the renderer's attribute layout assumes 24 bytes");
inline constexpr float kFillRectangle = -1.0f;
inline constexpr float kFillEllipse = -2.0f;

void append_segments(const StrokeOp& stroke, std::vector<StrokeSegment>& out);
// Lines, rectangles, ellipses and arrows as their outlines; a filled
// rectangle or ellipse gets its fill first, under the outline.
void append_segments(const ShapeOp& shape, std::vector<StrokeSegment>& out);
// Text is not drawn by the segment renderer.
inline void append_segments(const TextOp&, std::vector<StrokeSegment>&) {}
// Ops that create no object draw nothing.
template <class OtherOp>
void append_segments(const OtherOp&, std::vector<StrokeSegment>&) {}

}  // namespace squiggle::client
