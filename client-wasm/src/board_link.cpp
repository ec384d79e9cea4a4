#include "board_link.hpp"

#include "squiggle/board_id.hpp"

namespace squiggle::client {

LinkedBoard board_from_fragment(std::string_view fragment) {
    if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
    LinkedBoard linked;
    bool have_board = false;
    bool have_key = false;
    // Parameters are '&'-separated name=value pairs.
    while (!fragment.empty()) {
        const std::size_t amp = fragment.find('&');
        const std::string_view param = fragment.substr(0, amp);
        fragment = amp == std::string_view::npos ? std::string_view{} : fragment.substr(amp + 1);

        const std::size_t eq = param.find('=');
        const std::string_view name = param.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
        if (name == "b" && !have_board) {
            have_board = true;
            linked.kind = is_valid_board_id(value) ? LinkedBoard::Kind::kValid : LinkedBoard::Kind::kInvalid;
            linked.id = std::string(value);
        } else if (name == "k" && !have_key) {
            have_key = true;
            if (value.empty()) continue;  // "k=" says as much as no key at all
            // Keys have the same shape as board ids: 128 random bits.
            linked.key_kind =
                is_valid_board_id(value) ? LinkedBoard::KeyKind::kValid : LinkedBoard::KeyKind::kInvalid;
            linked.key = std::string(value);
        }
    }
    return linked;
}

std::string fragment_for_board(std::string_view id, std::string_view key) {
    return "#b=" + std::string(id) + "&k=" + std::string(key);
}

std::string link_for_board(std::string_view page_url, std::string_view id, std::string_view key) {
    const std::size_t hash = page_url.find('#');
    return std::string(page_url.substr(0, hash)) + fragment_for_board(id, key);
}

}  // namespace squiggle::client
