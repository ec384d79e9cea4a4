#pragma once
// The board as a JSON file, for saving and for importing into any board
// (docs/BOARD_JSON.md describes the format): the objects back to front,
// without ids (importing gives them new ones), coordinates in model units.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "squiggle/board.hpp"

namespace squiggle::client {

inline constexpr const char* kBoardJsonFormat = "squigglesync.board";
inline constexpr int kBoardJsonVersion = 1;
// More objects than any board should hold; a file claiming more is refused.
inline constexpr std::size_t kMaxImportObjects = 100'000;

std::string board_json(const Board& board);

// The objects of a board file, back to front, every id zero; or why the text
// is not a board file (bad JSON, an unknown format or version, a value out of
// the bounds the server accepts).
struct ImportError {
    std::string reason;
};
std::variant<std::vector<Object>, ImportError> parse_board_json(std::string_view text);

}  // namespace squiggle::client
