#include "browser_files.hpp"

#include <emscripten/emscripten.h>

#include <utility>

namespace {

struct Chooser {
    std::function<void(std::string, std::string)> on_chosen;
    std::function<void(std::string)> on_failed;
};
Chooser& chooser() {
    static Chooser c;
    return c;
}

}  // namespace

// EM_JS bodies are JavaScript inside a C macro: double-quoted strings only.
EM_JS(void, squiggle_js_download, (const char* name, const char* mime, const char* bytes, int length), {
    /* slice(): the Blob must not see the wasm heap, which later writes change. */
    window.squiggleFiles.download(UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(bytes, bytes + length));
});

EM_JS(void, squiggle_js_choose_text_file, (const char* accept), {
    window.squiggleFiles.chooseText(UTF8ToString(accept), function(name, text) {
        var n = allocateUTF8(name);
        var t = allocateUTF8(text);
        _squiggle_internal_file_chosen(n, t);
        _free(n);
        _free(t);
    }, function(message) {
        var m = allocateUTF8(message);
        _squiggle_internal_file_failed(m);
        _free(m);
    });
});

extern "C" {

EMSCRIPTEN_KEEPALIVE void squiggle_internal_file_chosen(const char* name, const char* text) {
    if (chooser().on_chosen) chooser().on_chosen(name, text);
}

EMSCRIPTEN_KEEPALIVE void squiggle_internal_file_failed(const char* message) {
    if (chooser().on_failed) chooser().on_failed(message);
}

}  // extern "C"

namespace squiggle::client::page {

void download_file(const std::string& name, const std::string& mime, const std::string& bytes) {
    squiggle_js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

void choose_text_file(const std::string& accept, std::function<void(std::string, std::string)> on_chosen,
                      std::function<void(std::string)> on_failed) {
    chooser() = Chooser{std::move(on_chosen), std::move(on_failed)};
    squiggle_js_choose_text_file(accept.c_str());
}

}  // namespace squiggle::client::page
