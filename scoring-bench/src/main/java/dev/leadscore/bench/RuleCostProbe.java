package dev.leadscore.bench;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ModelRef;
import dev.leadscore.proto.v1.ScoreRequest;
import dev.leadscore.proto.v1.ScoringServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a costly rule costs a running server: the time to score one lead with a model (twice: the
 * first warms it up), then the server's CPU time while and after {@code CALLS} concurrent calls
 * with a short deadline (read from {@code /proc/PID/stat}, so Linux only). Not a test; run by hand,
 * see docs/PERFORMANCE.md.
 *
 * <pre>java -cp scoring-bench/target/benchmarks.jar dev.leadscore.bench.RuleCostProbe \
 *     PORT SERVER_PID MODEL [TAGS=0] [DEADLINE_MS=1000] [OBSERVE_SECONDS=15] [CALLS=8]</pre>
 *
 * The lead carries {@code TAGS} strings in its {@code tags} attribute, for rules that loop over it.
 */
public final class RuleCostProbe {
  private RuleCostProbe() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long pid = Long.parseLong(args[1]);
    String model = args[2];
    int tags = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    long deadline = args.length > 4 ? Long.parseLong(args[4]) : 1000;
    int observe = args.length > 5 ? Integer.parseInt(args[5]) : 15;
    int calls = args.length > 6 ? Integer.parseInt(args[6]) : 8;
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      ScoreRequest request =
          ScoreRequest.newBuilder()
              .setModel(ModelRef.newBuilder().setName(model))
              .setLead(lead(tags))
              .setSkipExplanation(true)
              .build();
      for (String round : new String[] {"cold", "warm"}) {
        long started = System.nanoTime();
        String outcome = call(channel, request, 600_000);
        System.out.printf(
            Locale.ROOT,
            "one lead, no deadline (%s): %s in %d ms%n",
            round,
            outcome,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
      Thread.sleep(1000);
      double before = cpuSeconds(pid);
      long started = System.nanoTime();
      List<CompletableFuture<String>> answers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> call(channel, request, deadline)));
      }
      String outcome = answers.stream().map(CompletableFuture::join).toList().get(0);
      long answered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      double atAnswer = cpuSeconds(pid);
      Thread.sleep(observe * 1000L);
      double after = cpuSeconds(pid);
      System.out.printf(
          Locale.ROOT,
          "%d calls at once, deadline %d ms: %s after %d ms; server CPU %.2f s until then, %.2f s"
              + " in the %d s after%n",
          calls,
          deadline,
          outcome,
          answered,
          atAnswer - before,
          after - atAnswer,
          observe);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static String call(ManagedChannel channel, ScoreRequest request, long deadlineMillis) {
    try {
      return "OK score "
          + ScoringServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
              .score(request)
              .getScore();
    } catch (StatusRuntimeException e) {
      String description = e.getStatus().getDescription();
      return e.getStatus().getCode()
          + (description == null
              ? ""
              : " \"" + description.substring(0, Math.min(100, description.length())) + "\"");
    }
  }

  private static Lead lead(int tags) {
    ListValue.Builder list = ListValue.newBuilder();
    for (int i = 0; i < tags; i++) {
      list.addValues(Value.newBuilder().setStringValue("t" + i));
    }
    return Lead.newBuilder()
        .setId("probe")
        .putAttributes("tags", Value.newBuilder().setListValue(list).build())
        .build();
  }

  /** User + system CPU seconds of a process, from {@code /proc/PID/stat} (ticks of 10 ms). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }
}
