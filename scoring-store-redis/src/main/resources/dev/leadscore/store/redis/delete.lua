-- Erases a lead's state and its outbox entries (those not yet relayed, and relayed ones not yet
-- trimmed) on its partition's slot.
-- KEYS: lead hash, partition outbox stream.
-- ARGV: lead id, how many outbox entries to scan at most.
-- Returns {existed (1/0), the outbox's last id ('0-0' if empty), erased outbox ids...}.
local existed = redis.call('DEL', KEYS[1])
local result = {existed, '0-0'}
for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', tonumber(ARGV[2]))) do
  if entry[2][2] == ARGV[1] then
    redis.call('XDEL', KEYS[2], entry[1])
    result[#result + 1] = entry[1]
  end
end
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #last > 0 then
  result[2] = last[1][1]
end
return result
