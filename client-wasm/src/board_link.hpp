#pragma once
// Board links carry the board id and the secret key in the URL fragment, as
// "#b=<boardId>&k=<key>": the fragment never reaches the web server, so the
// page works from any static host and the key is not written to its logs.
// The key is either the board's edit key or its view key; the server decides
// which one it is when the page joins.
#include <string>
#include <string_view>

namespace squiggle::client {

struct LinkedBoard {
    enum class Kind {
        kNone,     // the fragment names no board: start a new one
        kValid,    // `id` is a well-formed board id
        kInvalid,  // a board parameter is present but malformed; `id` holds it
    };
    enum class KeyKind {
        kMissing,  // no "k" parameter (or an empty one)
        kValid,    // `key` has the shape of a key (22 characters of base64url)
        kInvalid,  // a key is present but malformed; `key` holds it
    };
    Kind kind = Kind::kNone;
    std::string id;
    KeyKind key_kind = KeyKind::kMissing;
    std::string key;
};

// `fragment` is location.hash, with or without its leading '#'. The first
// "b" and the first "k" parameter win; other parameters are ignored.
LinkedBoard board_from_fragment(std::string_view fragment);

// "#b=<id>&k=<key>": the fragment that opens board `id` with `key`.
std::string fragment_for_board(std::string_view id, std::string_view key);

// `page_url` with any fragment replaced by the board's: the link to share.
std::string link_for_board(std::string_view page_url, std::string_view id, std::string_view key);

}  // namespace squiggle::client
