#pragma once
// The JSON text form of the wire messages (docs/PROTOCOL.md, "JSON"): one
// object per frame tagged by "type", coordinates in pixels, colours as
// "#rrggbbaa", ids and author ids as decimal strings (exact in JavaScript).
// Internal to the codec; throws DecodeError or cereal::Exception on bad input.
#include <string>
#include <string_view>

#include "squiggle/protocol.hpp"

namespace squiggle::json {

// The peer speaks a protocol version this build cannot understand.
struct VersionError : DecodeError {
    using DecodeError::DecodeError;
};

std::string encode(const ClientMessage& message);
std::string encode(const ServerMessage& message);
ClientMessage decode_client(std::string_view text);
ServerMessage decode_server(std::string_view text);

}  // namespace squiggle::json
