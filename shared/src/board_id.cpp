#include "squiggle/board_id.hpp"

namespace squiggle {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

}  // namespace

bool is_valid_board_id(std::string_view id) {
    if (id.size() != kBoardIdLength) return false;
    for (char c : id) {
        if (sextet(c) < 0) return false;
    }
    // 22 sextets carry 132 bits; the last 4 must be zero for 128 bits of data.
    return (sextet(id.back()) & 0x0F) == 0;
}

std::string board_id_from_bytes(const std::array<std::uint8_t, 16>& bytes) {
    std::string out;
    out.reserve(kBoardIdLength);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::uint8_t b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(acc >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3F]);
    return out;
}

}  // namespace squiggle
