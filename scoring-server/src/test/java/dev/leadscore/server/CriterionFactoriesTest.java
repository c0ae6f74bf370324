package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionConfig;
import dev.leadscore.api.CriterionContext;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.lead.Values;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.PluginDirectory;
import dev.leadscore.core.plugin.PluginExecutor;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every criterion type a server can load, built-in or from a plugin jar, created from its factory
 * with a valid and with an invalid configuration. A type added without a row here fails the test.
 */
class CriterionFactoriesTest {
  /** Type → valid config, invalid config, the path of a problem the invalid one must report. */
  private static final Map<String, String[]> CONFIGS =
      Map.ofEntries(
          Map.entry(
              "attribute",
              new String[] {
                "{\"attribute\": \"job_title\", \"cases\": [{\"contains\": [\"vp\"], \"points\": 20}]}",
                "{\"attribute\": \"job_title\", \"cases\": []}",
                "c.cases"
              }),
          Map.entry(
              "event_count",
              new String[] {
                "{\"event_types\": [\"email_open\"], \"points_per_event\": 5, \"window_days\": 30}",
                "{\"event_types\": [\"email_open\"], \"points_per_event\": \"five\"}",
                "c.points_per_event"
              }),
          Map.entry(
              "recency",
              new String[] {
                "{\"event_types\": [\"page_view\"], \"cases\": [{\"within_days\": 7, \"points\": 5}]}",
                "{\"event_types\": \"page_view\", \"cases\": [{\"within_days\": 7, \"points\": 5}]}",
                "c.event_types"
              }),
          Map.entry(
              "email_domain",
              new String[] {
                "{\"disposable_points\": -30, \"free_domains\": [\"example-mail.org\"]}",
                "{\"corporate_points\": \"many\"}",
                "c.corporate_points"
              }),
          Map.entry("seniority", new String[] {"{\"points\": 12}", "{\"rank\": 1}", "c.rank"}),
          Map.entry("legacy_guava", new String[] {"{}", "{\"x\": 1}", "c.x"}),
          Map.entry(
              "faulty_rejecting",
              new String[] {"{\"threshold\": 50}", "{\"threshold\": 500}", "c.threshold"}),
          Map.entry("test_broken_factory", new String[] {null, "{}", "(throws: a plugin defect)"}));

  /** Types whose factories accept anything: they exist to fail later, while scoring. */
  private static final java.util.Set<String> ANY_CONFIG =
      java.util.Set.of("faulty_throwing", "faulty_blocking", "test_throwing");

  @TempDir Path plugins;

  private final PluginExecutor executor = PluginExecutor.direct();

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void everyFactory_validAndInvalidConfig_createsOrReportsTheProblem() {
    PluginFolders.copy(
        plugins,
        PluginFolders.EMAIL_DOMAIN,
        PluginFolders.GUICE,
        PluginFolders.LEGACY_GUAVA,
        PluginFolders.FAULTY);
    Map<String, CriterionFactory> factories = new TreeMap<>();
    for (CriteriaPlugin plugin : CriteriaPlugins.discoverBuiltin()) {
      plugin.criterionFactories().forEach(f -> factories.put(f.type(), f));
    }
    new PluginDirectory(executor)
        .load(plugins)
        .forEach(p -> p.criterionFactories().forEach(f -> factories.put(f.type(), f)));

    assertThat(factories.keySet()).allMatch(t -> CONFIGS.containsKey(t) || ANY_CONFIG.contains(t));
    factories.forEach(
        (type, factory) -> {
          String[] row = CONFIGS.get(type);
          if (row == null || row[0] == null) {
            return;
          }
          CriterionConfig valid = config(row[0]);
          assertThat(factory.create(valid, context(type))).as(type).isNotNull();
          assertThat(valid.problems()).as(type).isEmpty();
          CriterionConfig invalid = config(row[1]);
          factory.create(invalid, context(type));
          assertThat(invalid.problems())
              .as(type)
              .anySatisfy(p -> assertThat(p.path()).isEqualTo(row[2]));
        });
  }

  private static CriterionContext context(String type) {
    return new CriterionContext("model", type, "fit");
  }

  private static CriterionConfig config(String json) {
    Struct.Builder struct = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, struct);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(json, e);
    }
    return CriterionConfig.of("c", Values.toConfig(struct.build()));
  }
}
