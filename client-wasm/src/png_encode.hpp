#pragma once
// RGBA pixels -> PNG file bytes (stb_image_write from Debian's libstb-dev).
#include <cstdint>
#include <string>
#include <vector>

namespace squiggle::client {

// `rgba`: width * height * 4 bytes, rows top to bottom. Empty on failure.
std::string encode_png(const std::vector<std::uint8_t>& rgba, int width, int height);

}  // namespace squiggle::client
