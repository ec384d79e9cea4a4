#include "squiggle/op.hpp"

namespace squiggle {

std::vector<ObjectId> created_ids(const Op& op) {
    if (const auto* s = std::get_if<StrokeOp>(&op)) return {s->id};
    if (const auto* s = std::get_if<ShapeOp>(&op)) return {s->id};
    if (const auto* t = std::get_if<TextOp>(&op)) return {t->id};
    if (const auto* p = std::get_if<PartialEraseOp>(&op)) {
        std::vector<ObjectId> ids;
        for (const StrokePiece& piece : p->pieces) ids.push_back(piece.id);
        return ids;
    }
    return {};
}

}  // namespace squiggle
