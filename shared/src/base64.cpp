#include "squiggle/base64.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "squiggle/bounded_io.hpp"

namespace squiggle {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string base64_encode(const std::string& bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            v = (v << 8) | (k < n ? static_cast<std::uint8_t>(bytes[i + k]) : 0u);
        }
        for (std::size_t k = 0; k < 4; ++k) out.push_back(k <= n ? kBase64[(v >> (18 - 6 * k)) & 0x3F] : '=');
    }
    return out;
}

std::string base64_decode(const std::string& text) {
    if (text.size() % 4 != 0) throw DecodeError("base64: bad length");
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        std::uint32_t v = 0;
        int padding = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char c = text[i + k];
            int d = 0;
            if (c == '=' && k >= 2 && i + 4 == text.size()) {
                ++padding;
            } else if (padding > 0) {
                throw DecodeError("base64: bad padding");
            } else {
                const char* at = std::strchr(kBase64, c);
                if (c == '\0' || at == nullptr) throw DecodeError("base64: bad character");
                d = static_cast<int>(at - kBase64);
            }
            v = (v << 6) | static_cast<std::uint32_t>(d);
        }
        out.push_back(static_cast<char>((v >> 16) & 0xFF));
        if (padding < 2) out.push_back(static_cast<char>((v >> 8) & 0xFF));
        if (padding < 1) out.push_back(static_cast<char>(v & 0xFF));
    }
    return out;
}

}  // namespace squiggle
