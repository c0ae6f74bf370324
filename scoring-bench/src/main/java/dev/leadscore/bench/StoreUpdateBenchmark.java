package dev.leadscore.bench;

import com.google.protobuf.util.Timestamps;
import dev.leadscore.core.state.LeadStates;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadStores;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.core.state.UpdateOutcome;
import dev.leadscore.proto.v1.LeadEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One event applied to a stored lead through the embedded RocksDB store, as a {@code StreamEvents}
 * lane applies it without the scoring: read the lead (the queued version or the database's), add
 * the event, write it through the group commit. {@code history} is how many events (and event ids)
 * each of 64 leads retains: the store and the mutation keep that many, so every event also drops
 * the oldest (1,000 is the server's default). Events arrive in time order, round-robin over the
 * leads, 16 updates in flight, as a busy stream keeps them.
 *
 * <pre>java -jar scoring-bench/target/benchmarks.jar StoreUpdateBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreUpdateBenchmark {
  private static final int IN_FLIGHT = 16;
  private static final int LEADS = 64;
  private static final String[] TYPES = {
    "page_view", "email_open", "email_click", "pricing_page_view", "content_download", "form_submit"
  };

  @Param({"20", "1000"})
  public int history;

  private Path directory;
  private LeadStore store;
  private final ArrayDeque<CompletableFuture<UpdateOutcome>> inFlight = new ArrayDeque<>();
  private long next;

  @Setup
  public void open() throws IOException {
    directory = Files.createTempDirectory("leadscore-store-bench");
    store =
        LeadStores.open(
            "rocksdb:" + directory.resolve("data"), new LeadStoreConfig(history, false));
    for (int i = 0; i < history * LEADS; i++) {
      apply();
    }
    drain();
  }

  /** The next event of the next lead, round-robin over {@link #LEADS} leads. */
  @Benchmark
  public void appendEvent() {
    apply();
  }

  private void apply() {
    long i = next++;
    String leadId = "lead-" + (i % LEADS);
    LeadEvent event =
        LeadEvent.newBuilder()
            .setId("e" + i)
            .setType(TYPES[(int) (i % TYPES.length)])
            .setTime(Timestamps.fromMillis(1_700_000_000_000L + i))
            .build();
    inFlight.add(
        store.update(
            leadId,
            event.getId(),
            current ->
                new LeadUpdate(
                    LeadStates.withEvent(current, leadId, event, history), Optional.empty())));
    if (inFlight.size() > IN_FLIGHT) {
      inFlight.poll().join();
    }
  }

  private void drain() {
    while (!inFlight.isEmpty()) {
      inFlight.poll().join();
    }
  }

  @TearDown
  public void close() throws IOException {
    drain();
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
