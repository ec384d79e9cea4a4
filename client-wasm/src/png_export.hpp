#pragma once
// The board as a PNG file: the confirmed objects drawn by the board renderer
// into an offscreen WebGL framebuffer, in the frame export_frame() gives,
// on white, then read back and encoded.
#include <cstdint>
#include <string>

#include "board_renderer.hpp"
#include "squiggle/board.hpp"

namespace squiggle::client {

// PNG bytes; empty when the browser could not give an offscreen framebuffer.
std::string export_png(BoardRenderer& renderer, const Board& board, std::uint64_t board_generation);

}  // namespace squiggle::client
