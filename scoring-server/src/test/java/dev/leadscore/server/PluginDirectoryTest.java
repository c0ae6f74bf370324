package dev.leadscore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.api.CriteriaPlugin;
import dev.leadscore.api.CriterionFactory;
import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.plugin.CriteriaPlugins;
import dev.leadscore.core.plugin.CriterionRegistry;
import dev.leadscore.core.plugin.LoadedPlugin;
import dev.leadscore.core.plugin.PluginDirectory;
import dev.leadscore.core.plugin.PluginExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading plugin folders of real jars: discovery, start-up failures, duplicate types. */
class PluginDirectoryTest {
  @TempDir Path plugins;

  private final PluginExecutor executor = PluginExecutor.direct();

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void load_pluginFolders_eachPluginWithItsTypes() {
    PluginFolders.copy(
        plugins, PluginFolders.EMAIL_DOMAIN, PluginFolders.GUICE, PluginFolders.LEGACY_GUAVA);

    List<LoadedPlugin> loaded = new PluginDirectory(executor).load(plugins);

    assertThat(loaded)
        .extracting(LoadedPlugin::name, LoadedPlugin::pluginClasses, LoadedPlugin::criterionTypes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "email-domain",
                List.of("com.example.emaildomain.EmailDomainPlugin"),
                List.of("email_domain")),
            org.assertj.core.groups.Tuple.tuple(
                "guice-plugin",
                List.of("dev.leadscore.testplugins.guice.GuicePlugin"),
                List.of("seniority")),
            org.assertj.core.groups.Tuple.tuple(
                "legacy-guava-plugin",
                List.of("dev.leadscore.testplugins.legacyguava.LegacyGuavaPlugin"),
                List.of("legacy_guava")));
  }

  @Test
  void load_brokenFolders_failsNamingEachFolderAndReason() throws IOException {
    Files.createDirectories(plugins.resolve("empty"));
    Files.createDirectories(plugins.resolve("no-plugin"));
    serviceJar(plugins.resolve("no-plugin/readme.jar"), null);
    Files.createDirectories(plugins.resolve("missing-class"));
    serviceJar(plugins.resolve("missing-class/plugin.jar"), "com.example.NoSuchPlugin");
    PluginFolders.copy(PluginFolders.FAULTY, plugins.resolve("exploding"));
    serviceJar(
        plugins.resolve("exploding/register.jar"),
        "dev.leadscore.testplugins.faulty.ExplodingPlugin");
    PluginFolders.copy(PluginFolders.EMAIL_DOMAIN, plugins.resolve("fine"));
    Files.writeString(plugins.resolve("stray.jar"), "not in a folder");
    Files.writeString(plugins.resolve("README.txt"), "ignored");

    assertThatThrownBy(() -> new PluginDirectory(executor).load(plugins))
        .isInstanceOfSatisfying(
            ScoringException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ScoringErrorCode.STARTUP_FAILED);
              assertThat(violations(e))
                  .containsOnlyKeys(
                      folder("empty"),
                      folder("no-plugin"),
                      folder("missing-class"),
                      folder("exploding"),
                      folder("stray.jar"));
              assertThat(violations(e).get(folder("empty"))).contains("no .jar files");
              assertThat(violations(e).get(folder("no-plugin")))
                  .contains("register no plugin")
                  .contains("META-INF/services/dev.leadscore.api.CriteriaPlugin");
              assertThat(violations(e).get(folder("missing-class")))
                  .contains("com.example.NoSuchPlugin not found");
              assertThat(violations(e).get(folder("exploding")))
                  .contains("ExplodingPlugin")
                  .contains("license file missing");
              assertThat(violations(e).get(folder("stray.jar"))).contains("one sub-folder");
            });
  }

  @Test
  void load_missingDirectory_failsNamingIt() {
    assertThatThrownBy(() -> new PluginDirectory(executor).load(plugins.resolve("nope")))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("does not exist");
  }

  @Test
  void registry_pluginDeclaresBuiltinType_failsNamingBothClassesAndFolder() {
    PluginFolders.copy(plugins, PluginFolders.CLASHING);

    assertThatThrownBy(() -> registry(new PluginDirectory(executor).load(plugins)))
        .isInstanceOf(ScoringException.class)
        .hasMessage(
            "criterion type \"attribute\" is provided twice: by"
                + " dev.leadscore.plugins.AttributeCriterionFactory (class path) and by"
                + " dev.leadscore.testplugins.clashing.ClashingPlugin$ClashingAttributeFactory"
                + " (plugin folder clashing-plugin)");
  }

  @Test
  void registry_sameTypeInTwoFolders_failsNamingBothFolders() {
    PluginFolders.copy(PluginFolders.EMAIL_DOMAIN, plugins.resolve("email-a"));
    PluginFolders.copy(PluginFolders.EMAIL_DOMAIN, plugins.resolve("email-b"));

    assertThatThrownBy(() -> registry(new PluginDirectory(executor).load(plugins)))
        .isInstanceOf(ScoringException.class)
        .hasMessageContaining("criterion type \"email_domain\" is provided twice")
        .hasMessageContaining("EmailDomainCriterionFactory (plugin folder email-a)")
        .hasMessageContaining("EmailDomainCriterionFactory (plugin folder email-b)");
  }

  private static CriterionRegistry registry(List<LoadedPlugin> loaded) {
    List<CriterionFactory> factories = new ArrayList<>();
    for (CriteriaPlugin plugin : CriteriaPlugins.discoverBuiltin()) {
      factories.addAll(plugin.criterionFactories());
    }
    loaded.forEach(plugin -> factories.addAll(plugin.criterionFactories()));
    return CriterionRegistry.of(factories);
  }

  private String folder(String name) {
    return plugins.resolve(name).toString();
  }

  private static Map<String, String> violations(ScoringException e) {
    return e.violations().stream()
        .collect(Collectors.toMap(FieldViolation::field, FieldViolation::description));
  }

  /** A real jar holding only a services file naming {@code provider}, or nothing at all. */
  private static void serviceJar(Path jar, String provider) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      if (provider != null) {
        jarOut.putNextEntry(new JarEntry("META-INF/services/dev.leadscore.api.CriteriaPlugin"));
        jarOut.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
        jarOut.closeEntry();
      } else {
        jarOut.putNextEntry(new JarEntry("README.txt"));
        jarOut.write("no plugin here".getBytes(StandardCharsets.UTF_8));
        jarOut.closeEntry();
      }
    }
  }
}
