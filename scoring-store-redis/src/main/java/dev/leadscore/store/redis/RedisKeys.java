package dev.leadscore.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.zip.CRC32;

/**
 * The key layout. A lead lives on the slot of its partition, {@code {prefix:pN}}, beside that
 * partition's outbox of transitions not yet in the log, so one script updates both atomically. The
 * shared log and everything that indexes it live on one slot, {@code {prefix:feed}}:
 *
 * <pre>
 * {prefix:pN}:lead:ID     hash  v = version token, r = LeadRecord bytes
 * {prefix:pN}:outbox      stream of l = lead id, t = BandTransition bytes, o = origin store
 * {prefix:feed}:seq       the newest sequence number handed out
 * {prefix:feed}:log       stream with ids SEQUENCE-0: l, t, o as in the outbox
 * {prefix:feed}:marks     hash partition -> last relayed outbox id
 * {prefix:feed}:ids:N     zset outbox id -> sequence, the partition's latest relays
 * {prefix:feed}:lead:ID   zset of the lead's sequences still in the log (for erasure)
 * {prefix:feed}:fence:ID  outbox id at the lead's deletion; expires
 * {prefix:feed}:meta      hash partitions = N
 * </pre>
 *
 * The partition is CRC-32 of the lead id's UTF-8 bytes modulo the partition count: stable across
 * processes and versions, so every replica finds a lead in the same place.
 */
final class RedisKeys {
  private final String prefix;
  private final int partitions;
  private final String feed;

  RedisKeys(String prefix, int partitions) {
    this.prefix = prefix;
    this.partitions = partitions;
    this.feed = "{" + prefix + ":feed}:";
  }

  int partitions() {
    return partitions;
  }

  int partitionOf(String leadId) {
    CRC32 crc = new CRC32();
    crc.update(leadId.getBytes(UTF_8));
    return (int) (crc.getValue() % partitions);
  }

  byte[] lead(int partition, String leadId) {
    return bytes("{" + prefix + ":p" + partition + "}:lead:" + leadId);
  }

  byte[] outbox(int partition) {
    return bytes("{" + prefix + ":p" + partition + "}:outbox");
  }

  byte[] sequence() {
    return bytes(feed + "seq");
  }

  byte[] log() {
    return bytes(feed + "log");
  }

  byte[] marks() {
    return bytes(feed + "marks");
  }

  byte[] relayedIds(int partition) {
    return bytes(feed + "ids:" + partition);
  }

  /** The prefix of {@link #leadSequences}, for the relay script's retention trimming. */
  String leadSequencesPrefix() {
    return feed + "lead:";
  }

  byte[] leadSequences(String leadId) {
    return bytes(leadSequencesPrefix() + leadId);
  }

  byte[] fence(String leadId) {
    return bytes(feed + "fence:" + leadId);
  }

  byte[] meta() {
    return bytes(feed + "meta");
  }

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
