#pragma once
// Files in and out of the page, through web/files.js: downloads of bytes the
// client made, and a text file the user picks.
#include <functional>
#include <string>

namespace squiggle::client::page {

// Offers `bytes` as a download named `name`.
void download_file(const std::string& name, const std::string& mime, const std::string& bytes);

// Opens the browser's file dialog (`accept`: e.g. ".json,application/json").
// Later, once a file was picked and read, calls `on_chosen(name, text)`, or
// `on_failed(why)` when it could not be read; a cancelled dialog calls neither.
// A new call replaces the callbacks of one still open.
void choose_text_file(const std::string& accept, std::function<void(std::string, std::string)> on_chosen,
                      std::function<void(std::string)> on_failed);

}  // namespace squiggle::client::page
