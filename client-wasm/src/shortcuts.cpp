#include "shortcuts.hpp"

namespace squiggle::client {

std::optional<Command> command_for(const KeyPress& key, bool typing) {
    if (typing) return std::nullopt;
    const bool command = key.ctrl || key.meta;
    if (command && !key.alt) {
        if (key.letter == 'Z') return key.shift ? Command{RedoCommand{}} : Command{UndoCommand{}};
        if (key.letter == 'Y' && !key.shift) return RedoCommand{};
        // Other Ctrl/Cmd letters belong to the browser (copy, reload, ...).
        return std::nullopt;
    }
    if (key.alt) return std::nullopt;
    switch (key.special) {
        case KeyPress::Special::kDelete:
        case KeyPress::Special::kBackspace: return DeleteSelection{};
        case KeyPress::Special::kEscape: return LetGo{};
        case KeyPress::Special::kNone: break;
    }
    if (key.shift) return std::nullopt;
    for (const ToolKind tool : kAllTools) {
        if (key.letter != 0 && tool_shortcut(tool) == key.letter) return UseTool{tool};
    }
    return std::nullopt;
}

}  // namespace squiggle::client
