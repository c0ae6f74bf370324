-- Publishes the next version of one model, checking expected_latest_version in the same atomic
-- step, on the models' slot.
-- KEYS: change token, model tokens hash, the model's versions hash.
-- ARGV: model name, expected latest version ('' = no check), version record, bundled version 1
--       record ('' = none), this write's token.
-- Versions are numbered 1..n without gaps, so n is the hash's length. A bundled model that the
-- store has no version of counts as version 1, and is pinned as version 1 by this write.
-- Returns {0, latest} when the expectation does not hold, else {1, version}.
local latest = redis.call('HLEN', KEYS[3])
local pin = ARGV[4] ~= '' and latest == 0
if pin then
  latest = 1
end
if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= latest then
  return {0, latest}
end
if pin then
  redis.call('HSET', KEYS[3], '1', ARGV[4])
end
local version = latest + 1
redis.call('HSET', KEYS[3], tostring(version), ARGV[3])
redis.call('SET', KEYS[1], ARGV[5])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[5])
return {1, version}
