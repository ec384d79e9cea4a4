#include "pen_path.hpp"

#include <algorithm>
#include <cmath>

namespace loadgen {

namespace {
constexpr double kPageW = 1920, kPageH = 1080;  // px: strokes stay on one screen
constexpr double kPi = 3.14159265358979323846;

std::int32_t to_units(double px) {
    // Pointer events land on sub-pixel positions; keep the 1/16 px grid.
    return static_cast<std::int32_t>(std::lround(px * squiggle::kUnitsPerPixel));
}
}  // namespace

std::vector<squiggle::Point> PenPath::next_stroke() {
    std::uniform_int_distribution<int> count(10, 30);
    std::uniform_real_distribution<double> jump(-150, 150), angle(0, 2 * kPi), speed0(3, 9);
    std::normal_distribution<double> bend(0, 0.02), wobble(0, 0.08), accel(0, 0.6);

    x_ = std::clamp(x_ + jump(rng_), 0.0, kPageW);
    y_ = std::clamp(y_ + jump(rng_), 0.0, kPageH);
    heading_ = angle(rng_);
    double speed = speed0(rng_);
    // Curvature itself drifts, so strokes are arcs and S-curves, not zigzags.
    double curvature = bend(rng_) * 5;

    const int n = count(rng_);
    std::vector<squiggle::Point> points;
    points.reserve(n);
    for (int i = 0; i < n; ++i) {
        points.push_back({to_units(x_), to_units(y_)});
        curvature = std::clamp(curvature + bend(rng_), -0.3, 0.3);
        heading_ += curvature + wobble(rng_) * 0.3;
        speed = std::clamp(speed + accel(rng_), 1.0, 14.0);
        x_ = std::clamp(x_ + speed * std::cos(heading_), 0.0, kPageW);
        y_ = std::clamp(y_ + speed * std::sin(heading_), 0.0, kPageH);
    }
    return points;
}

squiggle::Point PenPath::cursor() {
    std::normal_distribution<double> step(0, 6);
    x_ = std::clamp(x_ + step(rng_), 0.0, kPageW);
    y_ = std::clamp(y_ + step(rng_), 0.0, kPageH);
    return {to_units(x_), to_units(y_)};
}

}  // namespace loadgen
