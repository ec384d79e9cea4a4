#pragma once
// Board links carry the board id in the URL fragment, as "#b=<boardId>": the
// fragment never reaches the web server, so the page works from any static
// host, and other fragment parameters can be added later ("#b=...&view=...").
#include <string>
#include <string_view>

namespace squiggle::client {

struct LinkedBoard {
    enum class Kind {
        kNone,     // the fragment names no board: start a new one
        kValid,    // `id` is a well-formed board id
        kInvalid,  // a board parameter is present but malformed; `id` holds it
    };
    Kind kind = Kind::kNone;
    std::string id;
};

// `fragment` is location.hash, with or without its leading '#'.
LinkedBoard board_from_fragment(std::string_view fragment);

// "#b=<id>": the fragment that links to board `id`.
std::string fragment_for_board(std::string_view id);

}  // namespace squiggle::client
