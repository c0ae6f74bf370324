-- Compare-and-set of one lead, and the append of its transition to its partition's outbox, as one
-- atomic step on the partition's slot.
-- KEYS: lead hash, partition outbox stream.
-- ARGV: expected version ('' = absent), new version, record bytes, outbox trim mark ('' = none),
--       outbox bound, then for a transition: lead id, transition bytes, origin.
-- Returns {0, version, record} on a version conflict (the current ones; '' when absent),
-- {-1} when the outbox is full, {1} after a write, {1, id, previous id} after a write + append.
local current = redis.call('HGET', KEYS[1], 'v') or ''
if current ~= ARGV[1] then
  return {0, current, redis.call('HGET', KEYS[1], 'r') or ''}
end
local transition = #ARGV >= 8
if transition and redis.call('XLEN', KEYS[2]) >= tonumber(ARGV[5]) then
  return {-1}
end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'r', ARGV[3])
if ARGV[4] ~= '' then
  redis.call('XTRIM', KEYS[2], 'MINID', ARGV[4])
end
if not transition then
  return {1}
end
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
local previous = '0-0'
if #last > 0 then
  previous = last[1][1]
end
local id = redis.call('XADD', KEYS[2], '*', 'l', ARGV[6], 't', ARGV[7], 'o', ARGV[8])
return {1, id, previous}
