#include "board_link.hpp"

#include "squiggle/board_id.hpp"

namespace squiggle::client {

LinkedBoard board_from_fragment(std::string_view fragment) {
    if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
    // Parameters are '&'-separated key=value pairs; the first "b" wins.
    while (!fragment.empty()) {
        const std::size_t amp = fragment.find('&');
        const std::string_view param = fragment.substr(0, amp);
        fragment = amp == std::string_view::npos ? std::string_view{} : fragment.substr(amp + 1);

        const std::size_t eq = param.find('=');
        if (param.substr(0, eq) != "b") continue;
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
        const LinkedBoard::Kind kind =
            is_valid_board_id(value) ? LinkedBoard::Kind::kValid : LinkedBoard::Kind::kInvalid;
        return LinkedBoard{kind, std::string(value)};
    }
    return LinkedBoard{};
}

std::string fragment_for_board(std::string_view id) {
    return "#b=" + std::string(id);
}

}  // namespace squiggle::client
