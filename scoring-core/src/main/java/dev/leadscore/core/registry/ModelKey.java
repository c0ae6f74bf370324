package dev.leadscore.core.registry;

/**
 * The cache key of a compiled version. The checksum makes a version whose file was changed by hand
 * a different key, so a stale compilation can never be served and nothing needs invalidating.
 */
record ModelKey(String name, long version, String checksum) {
  static ModelKey of(ModelVersion version) {
    return new ModelKey(version.name(), version.version(), version.checksum());
  }
}
