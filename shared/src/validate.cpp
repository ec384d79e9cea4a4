#include "squiggle/validate.hpp"

#include <cstdlib>

#include "squiggle/board_id.hpp"

namespace squiggle {
namespace {

bool in_range(const Point& p) {
    return std::abs(static_cast<std::int64_t>(p.x)) <= limits::kMaxCoordinate &&
           std::abs(static_cast<std::int64_t>(p.y)) <= limits::kMaxCoordinate;
}

Rejection validate_stroke(const StrokeOp& s) {
    if (s.points.empty()) return "stroke has no points";
    if (s.points.size() > limits::kMaxPointsPerStroke) return "stroke has too many points";
    if (s.width < limits::kMinWidth || s.width > limits::kMaxWidth) return "stroke width out of range";
    for (const Point& p : s.points) {
        if (!in_range(p)) return "coordinate out of range";
    }
    return std::nullopt;
}

}  // namespace

Rejection validate(const Op& op) {
    return std::visit([](const auto& o) { return validate_stroke(o); }, op);
}

Rejection validate(const Hello& hello) {
    if (!is_valid_board_id(hello.board_id)) return "board id must be 22 characters of base64url";
    if (hello.author == 0) return "author id must be non-zero";
    if (hello.name.size() > limits::kMaxNameLength) return "name too long";
    if (!is_valid_utf8(hello.name)) return "name is not valid UTF-8";
    return std::nullopt;
}

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (extra >= text.size() - i) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong encodings, surrogates and values past U+10FFFF are invalid.
        static constexpr std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

}  // namespace squiggle
