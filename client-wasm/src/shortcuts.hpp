#pragma once
// The keyboard shortcuts: a letter per tool, undo (Ctrl/Cmd+Z), redo
// (Ctrl/Cmd+Shift+Z, Ctrl+Y), Delete/Backspace for the selection, Escape to
// let go. None of them fire while the user is typing text.
#include <optional>
#include <variant>

#include "tool.hpp"

namespace squiggle::client {

struct KeyPress {
    enum class Special { kNone, kDelete, kBackspace, kEscape };
    char letter = 0;  // 'A'..'Z' when a letter key, else 0
    Special special = Special::kNone;
    bool ctrl = false;
    bool shift = false;
    bool meta = false;  // Cmd on a Mac
    bool alt = false;
};

struct UseTool {
    ToolKind tool;
};
struct UndoCommand {};
struct RedoCommand {};
struct DeleteSelection {};
struct LetGo {};  // Escape: drop the gesture or the selection
using Command = std::variant<UseTool, UndoCommand, RedoCommand, DeleteSelection, LetGo>;

// What `key` does, or nullopt. `typing`: a text field has the keyboard.
std::optional<Command> command_for(const KeyPress& key, bool typing);

}  // namespace squiggle::client
