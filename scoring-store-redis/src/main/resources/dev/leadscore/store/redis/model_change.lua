-- Changes one model's labels or experiment if the model is still as the caller last read it (its
-- token unchanged), as one atomic step on the models' slot. The caller checked the change against
-- that state; a changed token means it must read and check again.
-- KEYS: change token, model tokens hash, the model's versions hash, labels hash, experiment.
-- ARGV: model name, expected model token ('' = never written), change, its two arguments,
--       bundled version 1 record ('' = none), this write's token.
-- Changes: set-label (label, version), delete-label (label), set-experiment (bytes),
-- delete-experiment. Returns {0} when the model changed meanwhile, {1} after the change.
local current = redis.call('HGET', KEYS[2], ARGV[1]) or ''
if current ~= ARGV[2] then
  return {0}
end
if ARGV[6] ~= '' and redis.call('HEXISTS', KEYS[3], '1') == 0 then
  redis.call('HSET', KEYS[3], '1', ARGV[6])
end
local change = ARGV[3]
if change == 'set-label' then
  redis.call('HSET', KEYS[4], ARGV[4], ARGV[5])
elseif change == 'delete-label' then
  redis.call('HDEL', KEYS[4], ARGV[4])
elseif change == 'set-experiment' then
  redis.call('SET', KEYS[5], ARGV[4])
elseif change == 'delete-experiment' then
  redis.call('DEL', KEYS[5])
else
  return redis.error_reply('unknown change ' .. change)
end
redis.call('SET', KEYS[1], ARGV[7])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[7])
return {1}
