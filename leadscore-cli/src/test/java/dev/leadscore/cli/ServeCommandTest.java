package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir Path models;

  @Test
  void serve_defaultModelWithoutValidVersion_exitsWithEveryProblemListed() throws Exception {
    Files.createDirectories(models.resolve("broken"));
    Files.writeString(
        models.resolve("broken/1.json"),
        """
        {"name": "broken", "criteria": [
           {"id": "t", "type": "no_such_type", "dimension": "fit"},
           {"id": "c", "type": "test_broken_factory", "dimension": "fit"}],
         "bands": [{"name": "cold", "min_score": 5}]}
        """);
    Files.writeString(models.resolve("broken/2.json"), "{ not json");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new Main())
              .execute(
                  "serve",
                  "--port",
                  "0",
                  "--models",
                  models.toString(),
                  "--default-model",
                  "broken");
    } finally {
      System.setErr(original);
    }

    String output = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(2);
    assertThat(output)
        .contains("broken/1.json: criteria[0].type")
        .contains("no_such_type")
        .contains("broken/1.json: criteria[1].config")
        // The factory's own exception message goes to the server log only: these problems are
        // also what ListModels shows to remote callers (issue 15, finding 7).
        .contains("the test_broken_factory plugin failed to create the criterion")
        .doesNotContain("lookup table is corrupt")
        .contains("broken/1.json: bands[0].min_score")
        .contains("broken/2.json");
  }

  @Test
  void serve_missingModelsDirectory_exitsNamingIt() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new Main())
              .execute("serve", "--port", "0", "--models", models.resolve("nope").toString());
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope").contains("does not exist");
  }

  @Test
  void serve_clientCaWithoutServerCertificate_exitsNamingTheOptions() {
    String output =
        serveFailing(
            "--models", models.toString(), "--tls-client-ca", models.resolve("ca.pem").toString());

    assertThat(output).contains("--tls-client-ca needs --tls-cert and --tls-key");
  }

  @Test
  void serve_accessPolicyWithUnknownRole_exitsNamingTheEntry() throws Exception {
    Path policy =
        Files.writeString(
            models.resolve("policy.json"),
            """
            {"clients": [{"name": "crm", "certificate_subject": "CN=crm", "roles": ["reed-leads"]}]}
            """);

    String output =
        serveFailing("--models", models.toString(), "--access-policy", policy.toString());

    assertThat(output)
        .contains("access policy " + policy + " is invalid")
        .contains(
            "clients[0].roles[0]: \"reed-leads\" (expected one of: score, events, read-leads");
  }

  @Test
  void serve_accessPolicyAndInsecureOpen_exitsNamingBoth() throws Exception {
    Path policy = Files.writeString(models.resolve("policy.json"), "{\"clients\": []}");

    String output =
        serveFailing(
            "--models", models.toString(), "--access-policy", policy.toString(), "--insecure-open");

    assertThat(output).contains("--insecure-open and --access-policy");
  }

  @Test
  void serve_emptyAdminTokenFile_exitsNamingIt() throws Exception {
    Path tokenFile = Files.writeString(models.resolve("token"), "  \n");

    String output =
        serveFailing("--models", models.toString(), "--admin-token-file", tokenFile.toString());

    assertThat(output).contains("--admin-token-file").contains("is empty");
  }

  @Test
  void serve_metricsPortInUse_exitsNamingThePort(@TempDir Path data) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String output =
          serveFailing(
              "--host",
              "127.0.0.1",
              "--models",
              models.toString(),
              "--data",
              data.toString(),
              "--metrics-port",
              Integer.toString(taken.getLocalPort()));

      assertThat(output)
          .contains("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("\tat ");
    }
  }

  @Test
  void serve_redisOptionsWithoutARedisStore_exitsNamingTheOption() {
    assertThat(serveFailing("--models", models.toString(), "--redis-wait-replicas", "1"))
        .contains("--redis-wait-replicas: 1 (expected: 0 unless --store is redis://...)");
    assertThat(serveFailing("--store", "redis://127.0.0.1:1", "--sync"))
        .contains("--sync: applies to rocksdb: stores only");
    assertThat(serveFailing("--store", "memcached://127.0.0.1:1"))
        .contains(
            "store \"memcached://127.0.0.1:1\": unknown kind (expected: redis:… or rocksdb:…)");
    assertThat(serveFailing("--store", "redis://127.0.0.1"))
        .contains("store \"redis://127.0.0.1\": nodes: \"127.0.0.1\" (expected: host:port)");
    assertThat(serveFailing("--store", "redis://127.0.0.1:7001", "--redis-wait-replicas", "17"))
        .contains("--redis-wait-replicas: 17 (expected: 0..16)");
    assertThat(serveFailing("--store", ""))
        .contains("--store: empty (expected: rocksdb:DIR or redis://host:port[,host:port...])");
  }

  /** Runs serve, which must exit with 2, and returns what it wrote to stderr. */
  private static String serveFailing(String... options) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    String[] args = new String[options.length + 3];
    args[0] = "serve";
    args[1] = "--port";
    args[2] = "0";
    System.arraycopy(options, 0, args, 3, options.length);
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new Main()).execute(args);
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(2);
    return err.toString(StandardCharsets.UTF_8);
  }
}
