#pragma once
// Where the board is on screen: the one mapping between the canvas's CSS
// pixels and the model's fixed-point units. Pointer input and the renderer both
// go through it, so panning and zooming later change only these fields.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "squiggle/geometry.hpp"
#include "squiggle/limits.hpp"

namespace squiggle::client {

struct ViewTransform {
    // Model coordinates shown at the canvas's top-left corner.
    double origin_x = 0.0;
    double origin_y = 0.0;
    // Model units per CSS pixel: kUnitsPerPixel at zoom 1.
    double units_per_css_px = kUnitsPerPixel;

    // Rounds to the nearest model unit and keeps the point inside the
    // coordinate range the server accepts.
    Point to_model(double css_x, double css_y) const {
        return Point{to_coordinate(origin_x + css_x * units_per_css_px),
                     to_coordinate(origin_y + css_y * units_per_css_px)};
    }

private:
    static std::int32_t to_coordinate(double v) {
        const double limit = limits::kMaxCoordinate;
        return static_cast<std::int32_t>(std::lround(std::clamp(v, -limit, limit)));
    }
};

}  // namespace squiggle::client
