package dev.leadscore.cli;

import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStoreConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code serve} options of the embedded lead store behind the stateful calls. */
final class LeadStoreOptions {

  @Option(
      names = "--data",
      defaultValue = "data",
      description =
          "Directory of the embedded lead store for StreamEvents, GetLead, DeleteLead and"
              + " WatchTransitions; created if missing.")
  Path data = Path.of("data");

  @Option(
      names = "--sync",
      defaultValue = "false",
      description =
          "fsync each lead store write before acknowledging it: survives power loss, not only a"
              + " crashed or killed process.")
  boolean sync;

  @Option(
      names = "--max-events-per-lead",
      defaultValue = "" + LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD,
      description = "Events a stored lead keeps, the most recent by event time.")
  int maxEventsPerLead = LeadStates.DEFAULT_MAX_EVENTS_PER_LEAD;

  /** The store's location: {@code rocksdb:} and the absolute {@code --data} directory. */
  String location() {
    return "rocksdb:" + data.toAbsolutePath();
  }

  /** Duplicate detection and durability settings. */
  LeadStoreConfig config() {
    return new LeadStoreConfig(LeadStoreConfig.DEFAULT_MAX_EVENT_IDS_PER_LEAD, sync);
  }
}
