#include "app.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "squiggle/limits.hpp"

namespace squiggle::client {

std::string guest_name(std::uint32_t number) {
    return "Guest " + std::to_string(1000 + number % 9000);
}

std::string color_to_hex(Rgba color) {
    char text[8];
    std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(color >> 8));
    return text;
}

std::optional<Rgba> color_from_hex(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    Rgba rgb = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        if (digit < 0) return std::nullopt;
        rgb = (rgb << 4) | static_cast<Rgba>(digit);
    }
    return (rgb << 8) | 0xFFu;
}

App::App(SyncClient& sync, NoticeLog& notices, Identity identity)
    : sync_(sync), notices_(notices), identity_(std::move(identity)) {}

void App::handle_pointer_events(const std::vector<PointerEvent>& events, bool ui_wants_pointer) {
    // The server said we may only watch: a gesture under way is abandoned.
    if (!can_draw() && gesture_draws_) {
        current().cancel();
        gesture_draws_ = false;
    }
    prune_selection();
    for (const PointerEvent& e : events) {
        switch (e.type) {
            case PointerEvent::Type::kDown:
                // A second finger while one is drawing is ignored; the same
                // pointer going down again means we missed its release.
                if (gesture_pointer_ && *gesture_pointer_ != e.pointer_id) break;
                if (gesture_pointer_) end_gesture(view_.to_model(e.x, e.y));
                begin_gesture(e, ui_wants_pointer);
                break;
            case PointerEvent::Type::kMove:
                if (gesture_pointer_ == e.pointer_id && gesture_draws_) current().drag(view_.to_model(e.x, e.y));
                break;
            case PointerEvent::Type::kUp:
            case PointerEvent::Type::kCancel:
                // A cancelled gesture keeps what was drawn: losing ink is worse.
                if (gesture_pointer_ != e.pointer_id) break;
                end_gesture(view_.to_model(e.x, e.y));
                break;
        }
    }
    // The others see the latest position only; SyncClient throttles.
    if (!events.empty()) sync_.move_cursor(view_.to_model(events.back().x, events.back().y));
}

void App::update(double now_ms, double last_input_ms) {
    sync_.set_idle(now_ms - last_input_ms >= kIdleAfterMs);
    const Refusal refusal = sync_.refusal();
    if (refusal != shown_refusal_) {
        shown_refusal_ = refusal;
        if (refusal != Refusal::kNone) {
            banner_ = Banner{sync_.refusal_text(), refusal == Refusal::kBadKey};
        }
    }
}

void App::set_identity(Identity identity) {
    identity.name = truncate_utf8(std::move(identity.name), limits::kMaxNameLength);
    identity_ = std::move(identity);
    sync_.set_presence(identity_.name, identity_.color);
    if (remember_) remember_(identity_);
}

Tool& App::current() {
    return const_cast<Tool&>(static_cast<const App&>(*this).current());
}

const Tool& App::current() const {
    switch (tool_kind_) {
        case ToolKind::kPen: return pen_;
        case ToolKind::kLine: return line_;
        case ToolKind::kRectangle: return rectangle_;
        case ToolKind::kEllipse: return ellipse_;
        case ToolKind::kArrow: return arrow_;
        case ToolKind::kText: return text_;
        case ToolKind::kEraser: return eraser_;
        case ToolKind::kSelect: return select_;
    }
    return pen_;
}

void App::set_tool(ToolKind kind) {
    if (kind == tool_kind_) return;
    if (tool_kind_ == ToolKind::kText) text_.commit();
    current().cancel();
    gesture_draws_ = false;
    if (kind != ToolKind::kSelect) selection_.clear();
    tool_kind_ = kind;
}

std::uint64_t App::preview_revision() const {
    // Unique per tool and revision: switching tools changes it too.
    return current().revision() * 8 + static_cast<std::uint64_t>(tool_kind_);
}

const Board& App::shown_board() {
    return visible_.shown(sync_, current().provisional(), preview_revision());
}

void App::select(Selection ids) {
    selection_ = std::move(ids);
    prune_selection();
}

void App::prune_selection() {
    if (selection_.empty()) return;
    const Board& b = board();
    for (auto it = selection_.begin(); it != selection_.end();) {
        it = b.find(*it) ? std::next(it) : selection_.erase(it);
    }
}

void App::begin_gesture(const PointerEvent& event, bool ui_wants_pointer) {
    gesture_pointer_ = event.pointer_id;
    gesture_draws_ = !ui_wants_pointer && can_draw();
    if (gesture_draws_) current().press(view_.to_model(event.x, event.y), Modifiers{event.shift});
}

void App::end_gesture(Point at) {
    if (gesture_draws_) current().release(at);
    gesture_pointer_.reset();
    gesture_draws_ = false;
}

void App::abandon_gesture() {
    if (gesture_draws_) current().cancel();
    gesture_pointer_.reset();
    gesture_draws_ = false;
}

void App::submit(Op op) {
    if (can_draw()) sync_.submit(std::move(op));
}

void App::undo() {
    if (can_draw()) sync_.submit(UndoOp{});
}

void App::redo() {
    if (can_draw()) sync_.submit(RedoOp{});
}

bool App::can_undo() {
    return can_draw() && board().undo_depth(sync_.author()) > 0;
}

bool App::can_redo() {
    return can_draw() && board().redo_depth(sync_.author()) > 0;
}

void App::clear_board() {
    if (!can_draw()) return;
    current().cancel();
    gesture_draws_ = false;
    selection_.clear();
    sync_.submit(ClearOp{});
}

void App::delete_selection() {
    prune_selection();
    if (selection_.empty() || !can_draw()) return;
    sync_.submit(EraseOp{std::vector<ObjectId>(selection_.begin(), selection_.end())});
    selection_.clear();
}

void App::restyle_selection(StyleOp style) {
    prune_selection();
    if (selection_.empty() || !can_draw()) return;
    style.ids.assign(selection_.begin(), selection_.end());
    sync_.submit(std::move(style));
}

void App::set_color(Rgba color) {
    settings_.color = color;
    StyleOp style;
    style.color = color;
    restyle_selection(std::move(style));
}

void App::apply_width_to_selection() {
    StyleOp style;
    style.width = width_units();
    restyle_selection(std::move(style));
}

void App::set_fill(bool enabled, Rgba color) {
    settings_.fill_enabled = enabled;
    settings_.fill_color = color;
    StyleOp style;
    style.fill = enabled ? color : Rgba{0};
    restyle_selection(std::move(style));
}

bool App::handle_key(const KeyPress& key, bool ui_typing) {
    // Escape while the text tool types drops that text (the one key typing keeps).
    if (key.special == KeyPress::Special::kEscape && text_.active() && !key.ctrl && !key.meta) {
        text_.cancel();
        return true;
    }
    const std::optional<Command> command = command_for(key, ui_typing || text_.active());
    if (!command) return false;
    run(*command);
    return true;
}

void App::run(const Command& command) {
    if (const auto* use = std::get_if<UseTool>(&command)) {
        set_tool(use->tool);
    } else if (std::holds_alternative<UndoCommand>(command)) {
        undo();
    } else if (std::holds_alternative<RedoCommand>(command)) {
        redo();
    } else if (std::holds_alternative<DeleteSelection>(command)) {
        delete_selection();
    } else if (std::holds_alternative<LetGo>(command)) {
        if (current().active()) {
            current().cancel();
            gesture_draws_ = false;
        } else {
            selection_.clear();
        }
    }
}

double App::text_width(const TextOp& text) const {
    if (text_measure_) return text_measure_(text);
    // Without the page's font: about half an em per character.
    return 0.55 * text.size * static_cast<double>(text.text.size());
}

std::uint32_t App::width_units() const {
    const double units = std::lround(static_cast<double>(settings_.width_px) * view_.units_per_css_px);
    return static_cast<std::uint32_t>(
        std::clamp<double>(units, limits::kMinWidth, limits::kMaxWidth));
}

}  // namespace squiggle::client
