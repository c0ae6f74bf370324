package dev.leadscore.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.leadscore.core.CoreModule;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ModelCompiler;
import dev.leadscore.core.model.ModelDocuments;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.PluginModule;
import dev.leadscore.core.registry.ModelDirectory;
import dev.leadscore.core.registry.StaticModelRegistry;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.RocksDbLeadStore;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real leadscore server on an in-process transport for each test, with the bundled default model
 * plus any extra model documents, and a channel to it. Plugins are found through the real
 * ServiceLoader path.
 */
final class InProcessLeadscore implements BeforeEachCallback, AfterEachCallback {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final List<String> extraModels = new ArrayList<>();
  private boolean withLeadStore;
  private Path dataDirectory;
  private LeadStore leadStore;
  private LeadscoreServer server;
  private ManagedChannel channel;

  /** Also serves this model document, as version 1 unless {@code version} says otherwise. */
  InProcessLeadscore withModel(String json) {
    extraModels.add(json);
    return this;
  }

  /** Also enables stateful scoring, on a RocksDB store in a fresh temporary directory. */
  InProcessLeadscore withLeadStore() {
    withLeadStore = true;
    return this;
  }

  ManagedChannel channel() {
    return channel;
  }

  LeadscoreServer server() {
    return server;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    Injector injector =
        Guice.createInjector(new PluginModule(CriteriaPlugins.discoverBuiltin()), new CoreModule());
    ModelCompiler compiler = injector.getInstance(ModelCompiler.class);
    List<CompiledModel> models = new ArrayList<>();
    models.add(
        new ModelDirectory(compiler)
            .loadResource("models/b2b-default.json", ServeCommand.BUNDLED_MODEL, 1));
    for (String json : extraModels) {
      models.add(compiler.compile(ModelDocuments.parse(json, "test model"), 1));
    }
    String name = InProcessServerBuilder.generateName();
    LeadscoreServer.Builder builder =
        LeadscoreServer.builder(InProcessServerBuilder.forName(name).directExecutor())
            .registry(new StaticModelRegistry(models, ServeCommand.BUNDLED_MODEL))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    if (withLeadStore) {
      dataDirectory = Files.createTempDirectory("leadscore-test-data");
      leadStore = RocksDbLeadStore.open(dataDirectory, LeadStoreConfig.defaults());
      builder.leadStore(leadStore);
    }
    server = builder.build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException, IOException {
    channel.shutdownNow();
    server.shutdown(Duration.ofSeconds(1));
    if (leadStore != null) {
      leadStore.close();
      try (Stream<Path> files = Files.walk(dataDirectory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }
}
