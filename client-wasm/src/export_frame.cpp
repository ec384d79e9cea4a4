#include "export_frame.hpp"

#include <algorithm>
#include <cmath>

namespace squiggle::client {

ExportFrame export_frame(const std::optional<Box>& content, int max_side) {
    ExportFrame frame;
    if (!content) {
        frame.width = frame.height = 2 * kExportMargin;
        frame.view.origin_x = frame.view.origin_y = -kExportMargin * static_cast<double>(kUnitsPerPixel);
        return frame;
    }
    const double width_px = (static_cast<double>(content->max_x) - content->min_x) / kUnitsPerPixel;
    const double height_px = (static_cast<double>(content->max_y) - content->min_y) / kUnitsPerPixel;
    const double room = std::max(1, max_side - 2 * kExportMargin);
    const double zoom = std::min(1.0, room / std::max({width_px, height_px, 1.0}));
    frame.view.units_per_css_px = kUnitsPerPixel / zoom;
    frame.width = std::min(max_side, static_cast<int>(std::ceil(width_px * zoom)) + 2 * kExportMargin);
    frame.height = std::min(max_side, static_cast<int>(std::ceil(height_px * zoom)) + 2 * kExportMargin);
    frame.view.origin_x = content->min_x - kExportMargin * frame.view.units_per_css_px;
    frame.view.origin_y = content->min_y - kExportMargin * frame.view.units_per_css_px;
    return frame;
}

}  // namespace squiggle::client
