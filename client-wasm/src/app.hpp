#pragma once
// The client's state apart from transport and graphics: the tools and their
// settings, the current tool and its gesture, the selection, the actions that
// need no pointer (undo, redo, clear, restyling the selection, shortcuts),
// who the user is to the others (name, colour, idle), and what the user has
// been told. The board and the pending ops live in the SyncClient it feeds.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "eraser_tool.hpp"
#include "hit_test.hpp"
#include "notice_log.hpp"
#include "pen_tool.hpp"
#include "pointer_event.hpp"
#include "select_tool.hpp"
#include "shape_tool.hpp"
#include "shortcuts.hpp"
#include "sync_client.hpp"
#include "text_tool.hpp"
#include "tool.hpp"
#include "view_transform.hpp"
#include "visible_board.hpp"

namespace squiggle::client {

// How this user appears to the others on the board.
struct Identity {
    std::string name;
    Rgba color = 0x3366CCFF;
};

// Colours people pick for themselves: distinct, and dark enough for white
// name labels.
inline constexpr std::array<Rgba, 10> kPersonColors = {
    0xE03131FF,  // red
    0xD6336CFF,  // pink
    0xAE3EC9FF,  // grape
    0x7048E8FF,  // violet
    0x4263EBFF,  // indigo
    0x1C7ED6FF,  // blue
    0x1098ADFF,  // cyan
    0x0CA678FF,  // teal
    0x37B24DFF,  // green
    0xF76707FF,  // orange
};

// "Guest 1234" with `number` in 1000..9999 (taken modulo otherwise).
std::string guest_name(std::uint32_t number);
// "#rrggbb" for an opaque colour (alpha is dropped).
std::string color_to_hex(Rgba color);
// Reads "#rrggbb" (case-insensitive) as an opaque colour; nullopt otherwise.
std::optional<Rgba> color_from_hex(const std::string& text);

// A message the user must see and dismiss. With `offer_new_board` it comes
// with a button that starts a new board (the link cannot be used).
struct Banner {
    std::string text;
    bool offer_new_board = false;
};

class App : private ToolHost {
public:
    // No input for this long marks the user idle for the others.
    static constexpr double kIdleAfterMs = 60'000.0;

    App(SyncClient& sync, NoticeLog& notices, Identity identity);

    SyncClient& sync() { return sync_; }
    const SyncClient& sync() const { return sync_; }
    NoticeLog& notices() { return notices_; }
    const NoticeLog& notices() const { return notices_; }

    const ToolSettings& settings() const override { return settings_; }
    const ViewTransform& view() const { return view_; }
    // Zooming and panning change it (ViewNavigation).
    ViewTransform& view() { return view_; }

    ToolKind tool_kind() const { return tool_kind_; }
    // Switches tools: the gesture under way is dropped, text being typed is
    // committed, and leaving the select tool lets go of the selection.
    void set_tool(ToolKind kind);
    const TextTool& text_tool() const { return text_; }
    TextTool& text_tool() { return text_; }
    const SelectTool& select_tool() const { return select_; }
    const EraserTool& eraser_tool() const { return eraser_; }

    // Style settings. With objects selected, a change also restyles them
    // (one style op); the width slider restyles once it is let go
    // (apply_width_to_selection).
    void set_color(Rgba color);
    void set_width(float width_px) { settings_.width_px = width_px; }
    void apply_width_to_selection();
    void set_fill(bool enabled, Rgba color);
    void set_text_size(float px) { settings_.text_size_px = px; }
    void set_partial_erase(bool partial) { settings_.partial_erase = partial; }

    // The board as the user sees it (confirmed, pending, and the gesture's
    // provisional ops), and the generation a view must compare (VisibleBoard).
    const Board& shown_board();
    std::uint64_t shown_generation() const { return visible_.generation(); }
    // New objects the gesture would make, and a number that changes with them.
    std::vector<Object> preview() const { return current().preview(); }
    std::uint64_t preview_revision() const;

    const Selection& selected() const { return selection_; }
    void select(Selection ids);

    // Actions; each sends its op (nothing for a viewer).
    void undo();
    void redo();
    bool can_undo();
    bool can_redo();
    void clear_board();
    void delete_selection();

    // A key pressed outside any text field the interface owns (`ui_typing`:
    // one of its fields has the keyboard). True when it did something.
    bool handle_key(const KeyPress& key, bool ui_typing);
    void run(const Command& command);

    // How wide a text is drawn, in model units (the page measures with its
    // font; the default estimates).
    void set_text_measure(TextWidth measure) { text_measure_ = std::move(measure); }
    double text_width(const TextOp& text) const override;

    // False once the server said this page may only watch, or that it may
    // not open the board at all.
    bool can_draw() const { return !sync_.read_only() && sync_.refusal() == Refusal::kNone; }

    // Feeds the pointer events gathered since the last frame. When
    // `ui_wants_pointer` is set (the interface is under the pointer or holds
    // it), a gesture starting now belongs to the interface and draws nothing.
    // Every event also moves this user's cursor as the others see it.
    void handle_pointer_events(const std::vector<PointerEvent>& events, bool ui_wants_pointer);

    // Call regularly (every frame, and from a timer while frames are paused):
    // goes idle after kIdleAfterMs without input, back on input, and turns a
    // refusal from the server into a banner.
    void update(double now_ms, double last_input_ms);

    // Drops the gesture under way without submitting it: its pointer turned
    // out to be navigating (a second finger landed for a pinch).
    void abandon_gesture();

    // A new id for an object this user creates (imports use it too).
    ObjectId new_object_id() { return next_id(); }

    // The pen's stroke being drawn; shown on top of everything until released.
    const StrokeBuilder& live_stroke() const { return pen_.builder(); }

    const Identity& identity() const { return identity_; }
    // Changes the name and colour, tells the others and remembers them.
    void set_identity(Identity identity);
    // Where set_identity() stores the identity (e.g. the browser's storage).
    void on_identity_changed(std::function<void(const Identity&)> remember) { remember_ = std::move(remember); }

    const std::optional<Banner>& banner() const { return banner_; }
    void set_banner(Banner banner) { banner_ = std::move(banner); }
    void dismiss_banner() { banner_.reset(); }

private:
    // ToolHost
    const Board& board() override { return visible_.base(sync_); }
    ObjectId next_id() override { return ObjectId{sync_.author(), ++object_counter_}; }
    void submit(Op op) override;
    std::uint32_t width_units() const override;
    double units_per_px() const override { return view_.units_per_css_px; }
    Selection& selection() override { return selection_; }

    Tool& current();
    const Tool& current() const;
    void begin_gesture(const PointerEvent& event, bool ui_wants_pointer);
    void end_gesture(Point at);
    void restyle_selection(StyleOp style);
    // Forgets selected objects that are no longer on the board.
    void prune_selection();

    SyncClient& sync_;
    NoticeLog& notices_;
    ToolSettings settings_;
    ViewTransform view_;
    VisibleBoard visible_;
    PenTool pen_{*this};
    ShapeTool line_{*this, ShapeKind::kLine};
    ShapeTool rectangle_{*this, ShapeKind::kRectangle};
    ShapeTool ellipse_{*this, ShapeKind::kEllipse};
    ShapeTool arrow_{*this, ShapeKind::kArrow};
    TextTool text_{*this};
    EraserTool eraser_{*this};
    SelectTool select_{*this};
    ToolKind tool_kind_ = ToolKind::kPen;
    Selection selection_;
    TextWidth text_measure_;
    std::optional<int> gesture_pointer_;  // the pointer whose gesture is under way
    bool gesture_draws_ = false;
    std::uint64_t object_counter_ = 0;  // the counter half of our object ids
    Identity identity_;
    std::function<void(const Identity&)> remember_;
    std::optional<Banner> banner_;
    Refusal shown_refusal_ = Refusal::kNone;
};

}  // namespace squiggle::client
