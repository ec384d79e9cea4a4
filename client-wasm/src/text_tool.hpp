#pragma once
// Text: a click places the caret, typing fills the text (the interface owns
// the input field and writes into text()), Enter or a click elsewhere commits
// it as one TextOp, Escape drops it. Empty text commits nothing.
#include <optional>
#include <string>

#include "tool.hpp"

namespace squiggle::client {

class TextTool : public Tool {
public:
    explicit TextTool(ToolHost& host) : host_(host) {}

    // Starts a new text at `p`; while one is being typed, commits that one instead.
    void press(Point p, Modifiers modifiers) override;
    void drag(Point) override {}
    void release(Point) override {}
    // Drops the text being typed.
    void cancel() override;
    bool active() const override { return editing_.has_value(); }

    // The text being typed (its id is unset), if any.
    const std::optional<TextOp>& editing() const { return editing_; }
    // Replaces what has been typed so far (cut to the protocol's byte limit).
    void set_text(std::string text);
    // Sends the text being typed, if it is not empty, and ends editing.
    void commit();

private:
    ToolHost& host_;
    std::optional<TextOp> editing_;
};

}  // namespace squiggle::client
