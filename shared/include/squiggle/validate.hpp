#pragma once
// Checks every bound of a decoded message before it touches a board. The
// decoder already bounded container sizes; this checks values.
#include <optional>
#include <string>
#include <string_view>

#include "squiggle/protocol.hpp"

namespace squiggle {

// Why a message was refused; empty when it is acceptable.
using Rejection = std::optional<std::string>;

Rejection validate(const Op& op);
Rejection validate(const Hello& hello);

bool is_valid_utf8(std::string_view text);

}  // namespace squiggle
