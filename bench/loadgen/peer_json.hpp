#pragma once
// The reference peers' small JSON protocol (the one bench/peers/*.mjs speak):
// join, op, cursor out; joined, op (with seq), cursor in.
// Coordinates are the same integers as ours (1/16 px), so the byte counts
// compare encodings of the same data.
#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "wire_protocol.hpp"

namespace loadgen {

std::string peer_join_json(const std::string& board, std::uint64_t author);
std::string peer_stroke_json(const StrokeSpec& op);
std::string peer_cursor_json(squiggle::Point at);

// Reads one server message object.
Incoming peer_decode_object(const rapidjson::Value& message);
Incoming peer_decode_text(std::string_view frame);

}  // namespace loadgen
