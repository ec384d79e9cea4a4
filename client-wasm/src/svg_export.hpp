#pragma once
// The board as an SVG document: one element per object, back to front, in
// the same frame as the PNG export (export_frame). Strokes are <path>s with
// round caps and joins; lines <line>; rectangles <rect>; ellipses <ellipse>;
// arrows a <path> of shaft and barbs; text <text>. Colours are "#rrggbb" with
// an opacity attribute when not opaque; widths are in the picture's pixels.
#include <string>

#include "squiggle/board.hpp"

namespace squiggle::client {

std::string board_svg(const Board& board);

}  // namespace squiggle::client
