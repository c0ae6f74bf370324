-- Erases a lead's entries from the shared transition log and fences off relays of its older
-- outbox entries that were read before the lead was deleted.
-- KEYS: the lead's sequence zset, the lead's fence, marks hash, log stream, partition's id zset.
-- ARGV: partition, fence id (the outbox's last id at deletion), fence lifetime ms, then the
--       erased outbox ids.
-- Returns {the number of log entries erased, counting erased outbox entries not yet relayed}.
local function parse(id)
  local ms, sq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(sq)
end
local function compare(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  if am ~= bm then
    return am < bm and -1 or 1
  end
  if as ~= bs then
    return as < bs and -1 or 1
  end
  return 0
end

local erased = 0
for _, sequence in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  erased = erased + redis.call('XDEL', KEYS[4], sequence .. '-0')
  redis.call('ZREMRANGEBYSCORE', KEYS[5], sequence, sequence)
end
redis.call('DEL', KEYS[1])
local fence = redis.call('GET', KEYS[2])
if not fence or compare(fence, ARGV[2]) < 0 then
  fence = ARGV[2]
end
redis.call('SET', KEYS[2], fence, 'PX', ARGV[3])
local mark = redis.call('HGET', KEYS[3], ARGV[1]) or '0-0'
for i = 4, #ARGV do
  if compare(ARGV[i], mark) > 0 then
    erased = erased + 1
  end
end
return {erased}
