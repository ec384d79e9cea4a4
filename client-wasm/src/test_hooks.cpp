#include "test_hooks.hpp"

#include <emscripten/emscripten.h>

#include <cinttypes>
#include <cstdio>

#include "sync_client.hpp"

namespace {
const squiggle::client::SyncClient* g_sync = nullptr;
}  // namespace

namespace squiggle::client {
void register_test_hooks(const SyncClient& sync) {
    g_sync = &sync;
}
}  // namespace squiggle::client

// Numbers are returned as doubles: JS numbers hold them exactly up to 2^53,
// while a 64-bit return would need BigInt support in the page glue.
extern "C" {

EMSCRIPTEN_KEEPALIVE int squiggle_ready() {
    return g_sync != nullptr ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_state_hash() {
    static char hex[17];
    if (!g_sync) return "";
    std::snprintf(hex, sizeof hex, "%016" PRIx64, g_sync->board().state_hash());
    return hex;
}

EMSCRIPTEN_KEEPALIVE double squiggle_head_seq() {
    return g_sync ? static_cast<double>(g_sync->board().head_seq()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE double squiggle_object_count() {
    return g_sync ? static_cast<double>(g_sync->board().object_count()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE double squiggle_pending_count() {
    return g_sync ? static_cast<double>(g_sync->pending().size()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_connection_state() {
    return g_sync ? squiggle::client::to_string(g_sync->state()) : "connecting";
}

EMSCRIPTEN_KEEPALIVE double squiggle_participants() {
    return g_sync ? static_cast<double>(g_sync->participants()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_board_id() {
    return g_sync ? g_sync->board_id().c_str() : "";
}

}  // extern "C"
