#pragma once
// The tool panel's "Export" section: the board as PNG, SVG or JSON (a file
// download each) and importing a JSON board file (editors only).
#include <functional>
#include <string>

#include "app.hpp"
#include "board_import.hpp"

namespace squiggle::client {

struct ExportActions {
    // The board as PNG bytes (the renderer draws it); empty on failure.
    std::function<std::string()> png;
    // Offers bytes as a download.
    std::function<void(const std::string& name, const std::string& mime, const std::string& bytes)> download;
    // Lets the user pick a board file, which then goes to import_board_file().
    std::function<void()> choose_import;
};

class ExportPanel {
public:
    ExportPanel(ExportActions actions, const BoardImport& import);

    void draw(App& app);

private:
    // "squigglesync-<board id>.<extension>"
    std::string file_name(const App& app, const char* extension) const;

    ExportActions actions_;
    const BoardImport& import_;
};

}  // namespace squiggle::client
