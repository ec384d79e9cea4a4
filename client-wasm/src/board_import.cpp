#include "board_import.hpp"

#include <algorithm>

#include "board_json.hpp"

namespace squiggle::client {
namespace {

// The op that creates `object`, with `id`.
Op creating_op(Object object, ObjectId id) {
    return std::visit(
        [&](auto&& o) -> Op {
            o.id = id;
            return Op{std::move(o)};
        },
        std::move(object));
}

}  // namespace

bool BoardImport::start(App& app, std::vector<Object> objects, double now_ms) {
    if (!app.can_draw()) return false;
    queue_.clear();
    // Clearing an empty board would only add an action to undo.
    if (app.sync().board().object_count() > 0) queue_.push_back(ClearOp{});
    // Ids are handed out now, in file order, so z order follows the file.
    for (Object& object : objects) queue_.push_back(creating_op(std::move(object), app.new_object_id()));
    tokens_ = kBurst;
    last_ms_ = now_ms;
    pump(app, now_ms);
    return true;
}

void BoardImport::pump(App& app, double now_ms) {
    if (queue_.empty()) return;
    if (!app.can_draw()) {
        // Became a viewer meanwhile: nothing more may be written.
        queue_.clear();
        return;
    }
    tokens_ = std::min(kBurst, tokens_ + std::max(0.0, now_ms - last_ms_) / 1000.0 * kOpsPerSecond);
    last_ms_ = now_ms;
    while (!queue_.empty() && tokens_ >= 1.0) {
        app.sync().submit(std::move(queue_.front()));
        queue_.pop_front();
        tokens_ -= 1.0;
    }
}

bool import_board_file(App& app, BoardImport& import, const std::string& name, std::string_view text,
                       double now_ms) {
    if (!app.can_draw()) {
        app.notices().add(NoticeLevel::kError, "Importing \"" + name + "\" needs a link that can edit this board.");
        return false;
    }
    auto parsed = parse_board_json(text);
    if (const ImportError* error = std::get_if<ImportError>(&parsed)) {
        app.notices().add(NoticeLevel::kError, "\"" + name + "\" was not imported: " + error->reason + ".");
        return false;
    }
    auto& objects = std::get<std::vector<Object>>(parsed);
    const std::size_t count = objects.size();
    import.start(app, std::move(objects), now_ms);
    app.notices().add(NoticeLevel::kInfo, "Importing \"" + name + "\": " + std::to_string(count) +
                                              (count == 1 ? " object" : " objects") + " replace the board.");
    return true;
}

}  // namespace squiggle::client
