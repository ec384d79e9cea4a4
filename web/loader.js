// Page glue: sets up the Emscripten module for the canvas, shows loading
// progress and failures, loads the client, and exposes the read-only test
// hooks as window.squiggle. The client itself is squigglesync.js + .wasm.
(function () {
  "use strict";

  var loading = document.getElementById("loading");
  var loadingText = document.getElementById("loading-text");
  var runtimeUp = false;
  var failed = false;

  function fail(message) {
    failed = true;
    loading.hidden = false;
    loading.classList.add("failed");
    loadingText.textContent = message;
  }

  window.Module = {
    canvas: document.getElementById("canvas"),
    onRuntimeInitialized: function () { runtimeUp = true; },
    // Called by the client once the board and the canvas are set up.
    onSquiggleReady: function () { if (!failed) loading.hidden = true; },
    onSquiggleFatal: function (message) { fail(message); },
    onAbort: function (what) {
      fail("SquiggleSync stopped unexpectedly (" + what + "). Reload the page to continue.");
    },
  };

  // GLFW would otherwise offer the browser's context menu over the board.
  Module.canvas.addEventListener("contextmenu", function (e) { e.preventDefault(); });

  // A different board link typed into this tab: start over on that board.
  window.addEventListener("hashchange", function () { location.reload(); });

  if (typeof WebAssembly !== "object") {
    fail("This browser cannot run WebAssembly, which SquiggleSync needs.");
    return;
  }

  var script = document.createElement("script");
  script.src = "squigglesync.js";
  script.onerror = function () {
    fail("The SquiggleSync client (squigglesync.js) could not be loaded. Check your connection and reload.");
  };
  document.body.appendChild(script);

  // Hooks for the browser tests; they change nothing on the board. Before the runtime is up every
  // hook except ready() returns null.
  function hook(name, returnType) {
    var wrapped = null;
    return function () {
      if (!runtimeUp) return null;
      if (!wrapped) wrapped = Module.cwrap(name, returnType, []);
      return wrapped();
    };
  }
  // A string hook for which "" means "nothing": null instead.
  function optionalHook(name) {
    var read = hook(name, "string");
    return function () {
      var value = read();
      return value ? value : null;
    };
  }
  // A hook that returns 0 or 1: false or true.
  function boolHook(name) {
    var read = hook(name, "number");
    return function () {
      var value = read();
      return value === null ? null : value === 1;
    };
  }
  // A hook that returns JSON text: the parsed value.
  function jsonHook(name) {
    var read = optionalHook(name);
    return function () {
      var value = read();
      return value === null ? null : JSON.parse(value);
    };
  }
  // A hook that takes one string argument and returns JSON text (or "").
  function jsonArgHook(name) {
    var wrapped = null;
    return function (arg) {
      if (!runtimeUp) return null;
      if (!wrapped) wrapped = Module.cwrap(name, "string", ["string"]);
      var value = wrapped(String(arg));
      return value ? JSON.parse(value) : null;
    };
  }
  // A hook that returns base64 text: the bytes as a Uint8Array.
  function bytesHook(name) {
    var read = optionalHook(name);
    return function () {
      var value = read();
      if (value === null) return null;
      var binary = atob(value);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    };
  }
  var isReady = hook("squiggle_ready", "number");
  window.squiggle = Object.freeze({
    ready: function () { return runtimeUp && isReady() === 1; },
    stateHash: hook("squiggle_state_hash", "string"),
    headSeq: hook("squiggle_head_seq", "number"),
    objectCount: hook("squiggle_object_count", "number"),
    pendingCount: hook("squiggle_pending_count", "number"),
    opsSent: hook("squiggle_ops_sent", "number"),
    snapshotsLoaded: hook("squiggle_snapshots_loaded", "number"),
    connectionState: hook("squiggle_connection_state", "string"),
    writable: boolHook("squiggle_writable"),
    participants: hook("squiggle_participants", "number"),
    boardId: hook("squiggle_board_id", "string"),
    role: optionalHook("squiggle_role"),
    editLink: optionalHook("squiggle_edit_link"),
    viewLink: optionalHook("squiggle_view_link"),
    me: jsonHook("squiggle_me"),
    peers: jsonHook("squiggle_peers"),
    banner: optionalHook("squiggle_banner"),
    framesDrawn: hook("squiggle_frames_drawn", "number"),
    view: jsonHook("squiggle_view"),
    drawnObjects: hook("squiggle_drawn_objects", "number"),
    importing: hook("squiggle_importing", "number"),
    uiButton: jsonArgHook("squiggle_ui_button"),
    exportSvg: optionalHook("squiggle_export_svg"),
    exportJson: optionalHook("squiggle_export_json"),
    exportPng: bytesHook("squiggle_export_png"),
    tool: optionalHook("squiggle_tool"),
    selection: jsonHook("squiggle_selection"),
    objects: jsonHook("squiggle_objects"),
    // Where an interface item was drawn ("tool:line", "swatch:Red", "undo", ...).
    uiRect: jsonArgHook("squiggle_ui_rect"),
  });
})();
