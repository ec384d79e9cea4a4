#pragma once
// What every drawing tool has in common: it turns one pointer gesture (press,
// drags, release, in model units) into ops, shows what the gesture would do
// while it is under way, and reaches the board and the user's settings only
// through a ToolHost (App in the page, a harness in the tests).
#include <cstdint>
#include <set>
#include <vector>

#include "squiggle/board.hpp"

namespace squiggle::client {

enum class ToolKind : std::uint8_t { kPen, kLine, kRectangle, kEllipse, kArrow, kText, kEraser, kSelect };
inline constexpr ToolKind kAllTools[] = {ToolKind::kSelect, ToolKind::kPen,   ToolKind::kLine,
                                         ToolKind::kRectangle, ToolKind::kEllipse, ToolKind::kArrow,
                                         ToolKind::kText,   ToolKind::kEraser};

// "pen", "line", ... (test hooks and tooltips).
const char* tool_id(ToolKind kind);
// "Pen", "Line", ... for the interface.
const char* tool_label(ToolKind kind);
// The letter that picks the tool ('P', 'L', ...).
char tool_shortcut(ToolKind kind);

// The style the next object gets, and the eraser's mode.
struct ToolSettings {
    Rgba color = 0x1E1E1EFF;
    float width_px = 4.0f;  // pen and outline width in CSS pixels at zoom 1
    bool fill_enabled = false;
    Rgba fill_color = 0xA5D8FFFF;
    float text_size_px = 24.0f;
    // Cut freehand strokes where the eraser passes instead of removing whole objects.
    bool partial_erase = false;
};

using Selection = std::set<ObjectId>;

struct Modifiers {
    bool shift = false;
};

class ToolHost {
public:
    virtual ~ToolHost() = default;
    // The board as the user sees it: confirmed, pending and the gesture's own
    // provisional ops applied.
    virtual const Board& board() = 0;
    virtual ObjectId next_id() = 0;
    virtual void submit(Op op) = 0;
    virtual const ToolSettings& settings() const = 0;
    // The current width setting in model units, within the server's bounds.
    virtual std::uint32_t width_units() const = 0;
    // Model units per CSS pixel: hit tolerances are a few pixels on screen.
    virtual double units_per_px() const = 0;
    virtual Selection& selection() = 0;
    // A text object's drawn width in model units.
    virtual double text_width(const TextOp& text) const = 0;
};

class Tool {
public:
    virtual ~Tool() = default;
    virtual void press(Point p, Modifiers modifiers) = 0;
    virtual void drag(Point p) = 0;
    virtual void release(Point p) = 0;
    // Abandons the gesture under way without sending anything.
    virtual void cancel() = 0;
    virtual bool active() const = 0;

    // New objects the gesture would make, drawn on top while it lasts.
    virtual std::vector<Object> preview() const { return {}; }
    // Ops on existing objects the gesture would send (a move, an erase),
    // applied to the shown board while it lasts.
    virtual std::vector<Op> provisional() const { return {}; }
    // Bumped whenever preview() or provisional() change.
    std::uint64_t revision() const { return revision_; }

protected:
    void changed() { ++revision_; }

private:
    std::uint64_t revision_ = 0;
};

}  // namespace squiggle::client
