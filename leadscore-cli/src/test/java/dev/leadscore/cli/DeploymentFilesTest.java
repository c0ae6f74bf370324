package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadscore.server.LeadscoreServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The deployment files under {@code deploy/} parse, and agree with the server they run: every
 * {@code LEADSCORE_*} setting names a {@code serve} option, the probes ask the health names the
 * server reports, and every supervisor waits longer than the server drains. Docker and Kubernetes
 * are not run here; this is what can be checked without them.
 */
class DeploymentFilesTest {
  private static final Path DEPLOY = repositoryRoot().resolve("deploy");

  @Test
  void yamlFiles_everyDocument_parses() throws IOException {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
      assertThat(yaml).hasSizeGreaterThanOrEqualTo(6);
      for (Path file : yaml) {
        assertThat(documents(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
      }
    }
  }

  @Test
  void kubernetes_settingsProbesAndGrace_matchTheServer() throws IOException {
    Map<String, Object> config = documents(DEPLOY.resolve("k8s/configmap.yaml")).get(0);
    Map<String, Object> settings = map(config.get("data"));
    assertServeOptions(settings.keySet());
    assertReachableWithCredentials(settings);
    assertThat(settings.get("LEADSCORE_ACCESS_POLICY")).as("callers identified").isNotNull();
    Map<String, Object> pod =
        map(
            map(map(documents(DEPLOY.resolve("k8s/deployment.yaml")).get(0).get("spec"))
                    .get("template"))
                .get("spec"));
    Map<String, Object> container = map(((List<?>) pod.get("containers")).get(0));
    assertThat(container.get("args")).isEqualTo(List.of("serve"));
    assertThat(grpcProbe(container, "readinessProbe")).containsEntry("service", "");
    assertThat(grpcProbe(container, "startupProbe")).containsEntry("service", "");
    assertThat(grpcProbe(container, "livenessProbe"))
        .containsEntry("service", LeadscoreServer.STATELESS_HEALTH);
    for (String probe : List.of("readinessProbe", "startupProbe", "livenessProbe")) {
      assertThat(grpcProbe(container, probe).get("port"))
          .as(probe)
          .isEqualTo(Integer.parseInt((String) settings.get("LEADSCORE_PORT")));
    }
    long preStop =
        ((Number)
                map(map(map(container.get("lifecycle")).get("preStop")).get("sleep"))
                    .get("seconds"))
            .longValue();
    long grace = seconds((String) settings.get("LEADSCORE_SHUTDOWN_GRACE"));
    assertThat(((Number) pod.get("terminationGracePeriodSeconds")).longValue())
        .as("termination grace > preStop sleep + shutdown grace")
        .isGreaterThan(preStop + grace);
  }

  @Test
  void compose_settingsAndStopGrace_matchTheServer() throws IOException {
    Map<String, Object> services =
        map(documents(DEPLOY.resolve("compose/compose.yaml")).get(0).get("services"));
    for (String name : List.of("leadscore-1", "leadscore-2")) {
      Map<String, Object> service = map(services.get(name));
      Map<String, Object> environment = map(service.get("environment"));
      assertServeOptions(environment.keySet());
      assertReachableWithCredentials(environment);
      assertThat(service.get("command")).isEqualTo(List.of("serve"));
      assertThat(seconds((String) service.get("stop_grace_period")))
          .as(name + " stop_grace_period > shutdown grace")
          .isGreaterThan(seconds((String) environment.get("LEADSCORE_SHUTDOWN_GRACE")));
    }
  }

  @Test
  void systemdUnit_stopTimeout_longerThanTheDrain() throws IOException {
    List<String> lines = Files.readAllLines(DEPLOY.resolve("systemd/leadscore.service"));
    long grace = 0;
    long stop = 0;
    List<String> settings = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("Environment=LEADSCORE_")) {
        String setting = line.substring("Environment=".length());
        settings.add(setting.substring(0, setting.indexOf('=')));
        if (setting.startsWith("LEADSCORE_SHUTDOWN_GRACE=")) {
          grace = seconds(setting.substring(setting.indexOf('=') + 1));
        }
      }
      if (line.startsWith("TimeoutStopSec=")) {
        stop = Long.parseLong(line.substring("TimeoutStopSec=".length()));
      }
    }
    assertServeOptions(Set.copyOf(settings));
    assertThat(lines).anyMatch(line -> line.startsWith("ExecStart=") && line.endsWith(" serve"));
    assertThat(stop).as("TimeoutStopSec > shutdown grace").isGreaterThan(grace).isPositive();
  }

  /** Every {@code LEADSCORE_X_Y} names option {@code --x-y} of {@code serve}. */
  private static void assertServeOptions(Set<String> variables) {
    Set<String> options =
        new CommandLine(new Main())
            .getSubcommands()
            .get("serve")
            .getCommandSpec()
            .optionsMap()
            .keySet();
    for (String variable : variables) {
      assertThat(variable).startsWith(ConfigDefaults.ENV_PREFIX);
      String option =
          "--"
              + variable
                  .substring(ConfigDefaults.ENV_PREFIX.length())
                  .toLowerCase()
                  .replace('_', '-');
      assertThat(options).as(variable).contains(option);
    }
  }

  /**
   * A replica in a container must listen beyond loopback (the default, 127.0.0.1, cannot be reached
   * from outside it), and there the server refuses every caller without credentials unless an
   * access policy or --insecure-open says who may call.
   */
  private static void assertReachableWithCredentials(Map<String, Object> settings) {
    assertThat(settings).containsEntry("LEADSCORE_HOST", "0.0.0.0");
    assertThat(
            settings.containsKey("LEADSCORE_ACCESS_POLICY")
                || "true".equals(settings.get("LEADSCORE_INSECURE_OPEN")))
        .as("an access policy or --insecure-open beside --host 0.0.0.0")
        .isTrue();
  }

  private static Map<String, Object> grpcProbe(Map<String, Object> container, String probe) {
    return map(map(container.get(probe)).get("grpc"));
  }

  private static long seconds(String duration) {
    return new DurationConverter().convert(duration).toSeconds();
  }

  private static List<Map<String, Object>> documents(Path file) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(Files.readString(file))) {
      documents.add(map(document));
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("deploy/ not found above the working directory");
  }
}
