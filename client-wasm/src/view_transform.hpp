#pragma once
// Where the board is on screen: the one mapping between the canvas's CSS
// pixels and the model's fixed-point units. Pointer input, the renderer, the
// peer cursors and the exports all go through it; zooming and panning change
// only its fields.
#include <cstdint>

#include "squiggle/geometry.hpp"
#include "squiggle/object_geometry.hpp"

namespace squiggle::client {

struct ViewTransform {
    // Zoom is CSS pixels per model pixel (kUnitsPerPixel units): 1 is 100%.
    // Beyond these a stroke is either invisible or one huge blob, and float
    // vertex positions lose precision.
    static constexpr double kMinZoom = 0.001;
    static constexpr double kMaxZoom = 32.0;

    // Model coordinates shown at the canvas's top-left corner.
    double origin_x = 0.0;
    double origin_y = 0.0;
    // Model units per CSS pixel: kUnitsPerPixel at zoom 1.
    double units_per_css_px = kUnitsPerPixel;

    double zoom() const { return kUnitsPerPixel / units_per_css_px; }

    // Rounds to the nearest model unit and keeps the point inside the
    // coordinate range the server accepts.
    Point to_model(double css_x, double css_y) const;
    // Unrounded model coordinates of a canvas position.
    double model_x(double css_x) const { return origin_x + css_x * units_per_css_px; }
    double model_y(double css_y) const { return origin_y + css_y * units_per_css_px; }
    // Canvas position (CSS pixels) of a model position.
    double css_x(double model_x) const { return (model_x - origin_x) / units_per_css_px; }
    double css_y(double model_y) const { return (model_y - origin_y) / units_per_css_px; }

    // Sets the zoom (clamped to kMinZoom..kMaxZoom) so that the model point
    // under (css_x, css_y) stays there.
    void zoom_to(double zoom, double css_x, double css_y);
    // Multiplies the zoom by `factor` about (css_x, css_y).
    void zoom_by(double factor, double css_x, double css_y) { zoom_to(zoom() * factor, css_x, css_y); }
    // Moves the board by (dx, dy) CSS pixels on screen.
    void pan_by(double css_dx, double css_dy);

    // The model area a canvas of this CSS size shows.
    Box visible_box(double css_width, double css_height) const;

    // Zooms and pans so that `box` fills the canvas below `top_inset` CSS
    // pixels (what the interface covers), centred, `margin_css` clear of
    // every edge; a box too small to fill it is shown at 100% at most. The
    // zoom stays within the limits, so a huge box may not fit.
    void fit(const Box& box, double css_width, double css_height, double margin_css, double top_inset = 0);
};

}  // namespace squiggle::client
