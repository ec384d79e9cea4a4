#include "text_tool.hpp"

#include <algorithm>
#include <cmath>

#include "squiggle/limits.hpp"
#include "sync_client.hpp"

namespace squiggle::client {

void TextTool::press(Point p, Modifiers) {
    // A click away from the text being typed finishes it, and only that.
    if (editing_) {
        commit();
        return;
    }
    const ToolSettings& settings = host_.settings();
    TextOp text;
    text.position = p;
    const double units = std::lround(static_cast<double>(settings.text_size_px) * host_.units_per_px());
    text.size = static_cast<std::uint32_t>(std::clamp<double>(units, limits::kMinTextSize, limits::kMaxTextSize));
    text.color = settings.color;
    editing_ = std::move(text);
    changed();
}

void TextTool::set_text(std::string text) {
    if (!editing_) return;
    text = truncate_utf8(std::move(text), limits::kMaxTextBytes);
    if (text == editing_->text) return;
    editing_->text = std::move(text);
    changed();
}

void TextTool::commit() {
    if (!editing_) return;
    TextOp text = std::move(*editing_);
    editing_.reset();
    changed();
    // Whitespace alone is nothing anyone could see or select.
    if (text.text.find_first_not_of(" \t\r\n") == std::string::npos) return;
    text.id = host_.next_id();
    host_.submit(std::move(text));
}

void TextTool::cancel() {
    editing_.reset();
    changed();
}

}  // namespace squiggle::client
