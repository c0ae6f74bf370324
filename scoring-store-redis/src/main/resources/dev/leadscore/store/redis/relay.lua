-- Moves outbox entries of one partition into the shared transition log, in outbox order, each
-- exactly once, giving each the next sequence number. Idempotent: entries at or below the
-- partition's mark were relayed before and only report their sequence.
-- KEYS: sequence counter, log stream, marks hash, partition's id -> sequence zset, then per entry
--       the lead's sequence zset and the lead's erasure fence.
-- ARGV: partition, id just before the first entry, sequence floor, log bound, ids kept, key prefix
--       of the lead zsets, then per entry: outbox id, lead id, transition bytes, origin.
-- Returns {'gap', mark} if entries between the mark and the first given one are not relayed yet,
-- else {'ok', sequence per entry (0: erased meanwhile)}.
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

local mark = redis.call('HGET', KEYS[3], ARGV[1]) or '0-0'
if compare(mark, ARGV[2]) < 0 then
  return {'gap', mark}
end
local sequence = tonumber(redis.call('GET', KEYS[1]) or '0')
local floor = tonumber(ARGV[3])
if sequence < floor then
  sequence = floor
end
local result = {'ok'}
local entries = (#ARGV - 6) / 4
for i = 0, entries - 1 do
  local id, lead, bytes, origin = ARGV[7 + 4 * i], ARGV[8 + 4 * i], ARGV[9 + 4 * i], ARGV[10 + 4 * i]
  local leadKey, fenceKey = KEYS[5 + 2 * i], KEYS[6 + 2 * i]
  if compare(id, mark) <= 0 then
    result[#result + 1] = tonumber(redis.call('ZSCORE', KEYS[4], id) or '0')
  else
    local fence = redis.call('GET', fenceKey)
    if fence and compare(id, fence) <= 0 then
      result[#result + 1] = 0
    else
      sequence = sequence + 1
      redis.call('XADD', KEYS[2], sequence .. '-0', 'l', lead, 't', bytes, 'o', origin)
      redis.call('ZADD', KEYS[4], sequence, id)
      redis.call('ZADD', leadKey, sequence, sequence)
      result[#result + 1] = sequence
    end
    mark = id
  end
end
redis.call('SET', KEYS[1], sequence)
redis.call('HSET', KEYS[3], ARGV[1], mark)
redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(tonumber(ARGV[5]) + 1))
-- Retention: the oldest entries beyond the bound leave the log and their leads' indexes.
local excess = redis.call('XLEN', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', excess)) do
    local s = parse(entry[1])
    redis.call('ZREM', ARGV[6] .. entry[2][2], s)
    redis.call('XDEL', KEYS[2], entry[1])
  end
end
return result
