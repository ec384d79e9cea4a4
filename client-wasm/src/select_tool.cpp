#include "select_tool.hpp"

namespace squiggle::client {

namespace {
constexpr double kHitTolerancePx = 4.0;
}

void SelectTool::press(Point p, Modifiers modifiers) {
    start_ = now_ = p;
    Selection& selection = host_.selection();
    const TextWidth width = [this](const TextOp& t) { return host_.text_width(t); };
    const std::optional<ObjectId> hit = topmost_hit(host_.board(), p, kHitTolerancePx * host_.units_per_px(), width);
    if (!hit) {
        if (!modifiers.shift) selection.clear();
        before_box_ = selection;
        mode_ = Mode::kBoxing;
        changed();
        return;
    }
    if (modifiers.shift) {
        // Shift-click toggles; a removed object is not dragged.
        if (selection.erase(*hit) == 0) selection.insert(*hit);
    } else if (!selection.count(*hit)) {
        selection = {*hit};
    }
    mode_ = selection.count(*hit) ? Mode::kMoving : Mode::kIdle;
    move_.reset();
    changed();
}

void SelectTool::drag(Point p) {
    if (mode_ == Mode::kIdle) return;
    now_ = p;
    if (mode_ == Mode::kMoving) {
        move_ = move_by(p.x - start_.x, p.y - start_.y);
    } else {
        const TextWidth width = [this](const TextOp& t) { return host_.text_width(t); };
        Selection selection = before_box_;
        for (const ObjectId& id : objects_inside(host_.board(), box_between(start_, p), width)) selection.insert(id);
        host_.selection() = std::move(selection);
    }
    changed();
}

void SelectTool::release(Point p) {
    if (mode_ == Mode::kIdle) return;
    drag(p);
    const std::optional<TransformOp> move = mode_ == Mode::kMoving ? move_ : std::nullopt;
    cancel();
    if (move) host_.submit(*move);
}

void SelectTool::cancel() {
    mode_ = Mode::kIdle;
    move_.reset();
    before_box_.clear();
    changed();
}

std::vector<Op> SelectTool::provisional() const {
    if (mode_ != Mode::kMoving || !move_) return {};
    return {*move_};
}

std::optional<Box> SelectTool::marquee() const {
    if (mode_ != Mode::kBoxing) return std::nullopt;
    return box_between(start_, now_);
}

std::optional<TransformOp> SelectTool::move_by(std::int32_t dx, std::int32_t dy) {
    if (dx == 0 && dy == 0) return std::nullopt;
    TransformOp op;
    op.dx = dx;
    op.dy = dy;
    for (const ObjectId& id : host_.selection()) {
        const Object* object = host_.board().find(id);
        if (!object) continue;
        op.ids.push_back(id);
        op.origins.push_back(anchor(*object));
    }
    if (op.ids.empty()) return std::nullopt;
    return op;
}

}  // namespace squiggle::client
