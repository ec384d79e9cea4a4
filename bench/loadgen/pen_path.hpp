#pragma once
// Freehand strokes as a hand draws them: 10-30 samples along a smooth path
// whose heading and speed drift, in model units (1/16 px) on a page-sized area.
#include <random>
#include <vector>

#include "squiggle/geometry.hpp"

namespace loadgen {

class PenPath {
public:
    explicit PenPath(std::uint64_t seed) : rng_(seed) {}

    // A new stroke, starting somewhere near where the previous one ended.
    std::vector<squiggle::Point> next_stroke();
    // Where the pointer is now, drifting between strokes (for cursor traffic).
    squiggle::Point cursor();

private:
    std::mt19937_64 rng_;
    double x_ = 4000, y_ = 3000;  // px
    double heading_ = 0;
};

}  // namespace loadgen
