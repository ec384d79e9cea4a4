#pragma once
// Which parts of a vertex buffer to draw: each object occupies a contiguous
// span of it and covers a box on the board; only the spans whose boxes meet
// the visible area are drawn, neighbours merged into one draw call.
#include <cstddef>
#include <vector>

#include "squiggle/object_geometry.hpp"

namespace squiggle::client {

struct ObjectSpan {
    Box box;            // drawn bounds, model units
    std::size_t first;  // first vertex in the buffer
    std::size_t count;  // vertices
};

struct DrawRun {
    std::size_t first;
    std::size_t count;
    friend bool operator==(const DrawRun&, const DrawRun&) = default;
};

// The runs of `spans` (in buffer order) whose boxes overlap `visible`;
// `objects_drawn` (if given) receives how many objects that is.
std::vector<DrawRun> visible_runs(const std::vector<ObjectSpan>& spans, const Box& visible,
                                  std::size_t* objects_drawn = nullptr);

}  // namespace squiggle::client
