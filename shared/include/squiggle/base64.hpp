#pragma once
// Standard base64 with padding: binary payloads (snapshots) in JSON frames,
// and binary data handed to JavaScript.
#include <string>

namespace squiggle {

std::string base64_encode(const std::string& bytes);
// Throws DecodeError (bounded_io.hpp) on anything but canonical base64.
std::string base64_decode(const std::string& text);

}  // namespace squiggle
