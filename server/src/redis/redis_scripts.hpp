#pragma once
// The Lua scripts that make each step on a shared board atomic in Redis.
// Keys of one board share the hash tag {<board id>}, so a Redis Cluster
// keeps them on one node (see README, "Several processes with Redis").

namespace squiggle::server::redis_scripts {

// Orders one op. KEYS: seq, log, dedup, channel. ARGV: author, clientOpId
// (decimal), the op's bytes (a SequencedOp without its seq).
// Returns {1, seq} once the op is in the log and published, {0, 0} when
// this author's clientOpId was ordered before (a resend).
inline constexpr const char* kOrder = R"lua(
local function at_or_below(a, b)
  if #a ~= #b then return #a < #b end
  return a <= b
end
if ARGV[2] ~= '0' then
  local last = redis.call('HGET', KEYS[3], ARGV[1])
  if last and at_or_below(ARGV[2], last) then return {0, 0} end
end
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], seq .. '-1', 'op', ARGV[3])
if ARGV[2] ~= '0' then redis.call('HSET', KEYS[3], ARGV[1], ARGV[2]) end
redis.call('PUBLISH', KEYS[4], 'O' .. seq .. ' ' .. ARGV[3])
return {1, seq}
)lua";

// Loads a board, creating it when the joiner brings a key for a board that
// does not exist. KEYS: keys, snap, log, seq. ARGV: the joiner's key, a
// fresh view key. Returns {0} when the board does not exist and no key was
// given, else {1, edit key, view key, snapshot seq, snapshot bytes, head seq,
// the log's entries (XRANGE)}.
inline constexpr const char* kLoad = R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[1] == '' then return {0} end
  redis.call('HSET', KEYS[1], 'edit', ARGV[1], 'view', ARGV[2])
end
local keys = redis.call('HMGET', KEYS[1], 'edit', 'view')
local snap = redis.call('HMGET', KEYS[2], 'seq', 'data')
local head = redis.call('GET', KEYS[4]) or '0'
return {1, keys[1] or '', keys[2] or '', snap[1] or '0', snap[2] or '', head, redis.call('XRANGE', KEYS[3], '-', '+')}
)lua";

// Stores a snapshot if it is newer than the stored one, trims the log, and
// gives up the snapshot lock. KEYS: snap, log, lock. ARGV: seq, bytes, the
// first seq to keep in the log, this process's lock token.
// Returns 1 when stored, 0 when a newer snapshot was there already.
inline constexpr const char* kStoreSnapshot = R"lua(
local stored = 0
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if tonumber(ARGV[1]) > current then
  redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'data', ARGV[2])
  redis.call('XTRIM', KEYS[2], 'MINID', ARGV[3] .. '-0')
  stored = 1
end
if redis.call('GET', KEYS[3]) == ARGV[4] then redis.call('DEL', KEYS[3]) end
return stored
)lua";

}  // namespace squiggle::server::redis_scripts
