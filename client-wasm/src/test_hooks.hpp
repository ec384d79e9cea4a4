#pragma once
// Read-only views of the client's state for the browser tests; web/loader.js
// wraps them as window.squiggle.{ready, stateHash, headSeq, objectCount,
// pendingCount, opsSent, snapshotsLoaded, connectionState, writable, participants, boardId, role,
// editLink, viewLink, me, peers, banner, framesDrawn, view, drawnObjects,
// importing, uiButton, exportSvg, exportJson, exportPng, tool, selection,
// objects, uiRect}.
namespace squiggle::client {

class App;
class BoardRenderer;
class BoardImport;
class Toolbar;

// Until this is called the hooks report "not ready".
void register_test_hooks(const App& app, const Toolbar& toolbar);
// The renderer (culling counts, PNG export) and the import in progress.
void register_render_hooks(BoardRenderer& renderer, const BoardImport& import);

// Counts a frame drawn to the canvas: tests wait for the next frame before
// they take a screenshot of a state they just saw through the hooks.
void note_frame_drawn();

}  // namespace squiggle::client
