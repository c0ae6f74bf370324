-- Reads one model as one consistent state, on the models' slot.
-- KEYS: model tokens hash, the model's versions hash, labels hash, experiment.
-- ARGV: model name.
-- Returns {token ('' = never written), versions as a flat field/value list, labels likewise,
-- experiment bytes ('' = none)}.
return {
  redis.call('HGET', KEYS[1], ARGV[1]) or '',
  redis.call('HGETALL', KEYS[2]),
  redis.call('HGETALL', KEYS[3]),
  redis.call('GET', KEYS[4]) or ''
}
