#pragma once
// Read-only views of the client's state for the browser tests; web/loader.js
// wraps them as window.squiggle.{ready, stateHash, headSeq, objectCount,
// pendingCount, opsSent, snapshotsLoaded, connectionState, writable, participants, boardId, role,
// editLink, viewLink, me, peers, banner, framesDrawn, tool, selection, objects,
// uiRect}.
namespace squiggle::client {

class App;
class Toolbar;

// Until this is called the hooks report "not ready".
void register_test_hooks(const App& app, const Toolbar& toolbar);

// Counts a frame drawn to the canvas: tests wait for the next frame before
// they take a screenshot of a state they just saw through the hooks.
void note_frame_drawn();

}  // namespace squiggle::client
