package dev.leadscore.bench;

import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.server.LeadscoreRuntime;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The server the load generator measures: {@link LeadscoreRuntime}, exactly as {@code leadscore
 * serve} starts it, plus {@link BenchEchoService}, the streaming baseline. Loopback by default;
 * metrics off unless {@code --metrics-port} asks for them.
 */
@Command(
    name = "leadscore-bench-server",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Serve leadscore with the load generator's echo baseline, for benchmarks.")
public final class BenchServer implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(names = "--port", defaultValue = "50051", description = "gRPC port; 0 picks one.")
  int port;

  @Option(names = "--data", defaultValue = "target/bench-data", description = "Lead store dir.")
  Path data;

  @Option(names = "--models", defaultValue = "target/bench-models", description = "Models dir.")
  Path models;

  @Option(names = "--sync", description = "fsync each lead store write.")
  boolean sync;

  @Option(names = "--direct-executor", description = "Handlers on the network threads.")
  boolean directExecutor;

  @Option(
      names = "--metrics-port",
      defaultValue = "-1",
      description = "Prometheus /metrics port, as in production; -1 off, 0 picks one.")
  int metricsPort;

  @Option(names = "--port-file", description = "Write the bound port here once serving.")
  Path portFile;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchServer()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LeadscoreRuntime.Builder builder =
        LeadscoreRuntime.builder()
            .transport(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)))
            .models(models)
            .store(
                "rocksdb:" + data.toAbsolutePath(),
                new LeadStoreConfig(LeadStoreConfig.DEFAULT_MAX_EVENT_IDS_PER_LEAD, sync))
            .addService(BenchEchoService.definition())
            .server(server -> server.directExecutor(directExecutor));
    if (metricsPort >= 0) {
      builder.metrics(host, metricsPort);
    }
    LeadscoreRuntime runtime = builder.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    runtime.shutdown(Duration.ofSeconds(5));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    if (portFile != null) {
      Files.writeString(portFile, runtime.port() + "\n");
    }
    System.err.println("leadscore-bench-server: serving on " + host + ":" + runtime.port());
    runtime.awaitTermination();
    return 0;
  }
}
