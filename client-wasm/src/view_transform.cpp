#include "view_transform.hpp"

#include <algorithm>
#include <cmath>

#include "squiggle/limits.hpp"

namespace squiggle::client {
namespace {

std::int32_t to_coordinate(double v) {
    const double limit = limits::kMaxCoordinate;
    return static_cast<std::int32_t>(std::lround(std::clamp(v, -limit, limit)));
}

std::int32_t floor_coordinate(double v) {
    const double limit = limits::kMaxCoordinate;
    return static_cast<std::int32_t>(std::floor(std::clamp(v, -limit, limit)));
}

std::int32_t ceil_coordinate(double v) {
    const double limit = limits::kMaxCoordinate;
    return static_cast<std::int32_t>(std::ceil(std::clamp(v, -limit, limit)));
}

}  // namespace

Point ViewTransform::to_model(double x, double y) const {
    return Point{to_coordinate(model_x(x)), to_coordinate(model_y(y))};
}

void ViewTransform::zoom_to(double new_zoom, double x, double y) {
    if (!std::isfinite(new_zoom)) return;
    const double anchor_x = model_x(x);
    const double anchor_y = model_y(y);
    units_per_css_px = kUnitsPerPixel / std::clamp(new_zoom, kMinZoom, kMaxZoom);
    origin_x = anchor_x - x * units_per_css_px;
    origin_y = anchor_y - y * units_per_css_px;
}

void ViewTransform::pan_by(double dx, double dy) {
    origin_x -= dx * units_per_css_px;
    origin_y -= dy * units_per_css_px;
}

Box ViewTransform::visible_box(double css_width, double css_height) const {
    return Box{floor_coordinate(origin_x), floor_coordinate(origin_y), ceil_coordinate(model_x(css_width)),
               ceil_coordinate(model_y(css_height))};
}

void ViewTransform::fit(const Box& box, double css_width, double css_height, double margin_css,
                        double top_inset) {
    top_inset = std::clamp(top_inset, 0.0, css_height);
    const double room_x = std::max(1.0, css_width - 2 * margin_css);
    const double room_y = std::max(1.0, css_height - top_inset - 2 * margin_css);
    const double box_w = std::max(1.0, static_cast<double>(box.max_x) - box.min_x);
    const double box_h = std::max(1.0, static_cast<double>(box.max_y) - box.min_y);
    const double fitting_zoom = std::min(room_x / box_w, room_y / box_h) * kUnitsPerPixel;
    units_per_css_px = kUnitsPerPixel / std::clamp(std::min(fitting_zoom, 1.0), kMinZoom, kMaxZoom);
    const double centre_x = (static_cast<double>(box.min_x) + box.max_x) / 2;
    const double centre_y = (static_cast<double>(box.min_y) + box.max_y) / 2;
    origin_x = centre_x - css_width / 2 * units_per_css_px;
    origin_y = centre_y - (top_inset + (css_height - top_inset) / 2) * units_per_css_px;
}

}  // namespace squiggle::client
