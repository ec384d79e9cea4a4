#pragma once
// The picture an export makes of the board: the objects' drawn bounds plus a
// margin, at 100% (one CSS pixel per model pixel) unless that would exceed
// `max_side` pixels, in which case it is scaled down to fit. PNG and SVG
// exports use the same frame, so they show the same area at the same size.
#include <optional>

#include "squiggle/object_geometry.hpp"
#include "view_transform.hpp"

namespace squiggle::client {

struct ExportFrame {
    ViewTransform view;  // maps the picture's pixels to the board
    int width = 0;       // pixels
    int height = 0;
};

// Pixels of empty board around the objects.
inline constexpr int kExportMargin = 16;
// The longest side a PNG export may have: big enough for a wall poster,
// small enough for every browser's framebuffers.
inline constexpr int kMaxExportSide = 4096;

// `content`: the area to show (nullopt for an empty board: a small empty picture).
ExportFrame export_frame(const std::optional<Box>& content, int max_side = kMaxExportSide);

}  // namespace squiggle::client
