#pragma once
// Read-only views of the client's state for the browser tests; web/loader.js
// wraps them as window.squiggle.{stateHash, headSeq, objectCount,
// pendingCount, connectionState, participants, boardId, ready}.
namespace squiggle::client {

class SyncClient;

// Until this is called the hooks report "not ready".
void register_test_hooks(const SyncClient& sync);

}  // namespace squiggle::client
