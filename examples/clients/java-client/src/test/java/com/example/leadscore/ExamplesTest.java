package com.example.leadscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each example against a real server: the jar {@code ./leadscore} builds, started as {@code
 * leadscore serve} on a free loopback port with empty {@code models} and {@code data} directories.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExamplesTest {
  @TempDir static Path directory;
  private static Process server;
  private static String target;

  @BeforeAll
  static void startServer() throws Exception {
    Path jar =
        Path.of(System.getProperty("leadscore.jar", "../../../leadscore-cli/target/leadscore.jar"));
    assertThat(jar).as("the server jar; build it with ./leadscore --version").exists();
    Path portFile = directory.resolve("port");
    server =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar.toString(),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--metrics-port",
                    "-1",
                    "--port-file",
                    portFile.toString()))
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("server.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(portFile)) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("server did not start: " + log());
      }
      Thread.sleep(50);
    }
    target = "127.0.0.1:" + Files.readString(portFile).trim();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroy(); // SIGTERM: the server drains and exits
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String log() throws IOException {
    return Files.readString(directory.resolve("server.log"));
  }

  private interface Program {
    void main(String[] args) throws Exception;
  }

  /** What a program prints on stdout when run against the server. */
  private static String run(Program program) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      program.main(new String[] {target});
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    return printed;
  }

  @Test
  @Order(1)
  void scoreLead_student_isColdWithAReasonPerCriterion() throws Exception {
    String out = run(ScoreLead::main);

    assertThat(out).startsWith("0.0 cold\n").contains("job_title has the word \"student\"");
    assertThat(out.lines().count()).isEqualTo(18); // the score line and 17 criteria
  }

  @Test
  @Order(2)
  void streamLeadEvents_profileThenEvent_answersBothInOrder() throws Exception {
    String out = run(StreamLeadEvents::main);

    assertThat(out.lines().toList())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("jane@acme.example "))
        .noneSatisfy(line -> assertThat(line).contains("refused").contains("failed"));
  }

  @Test
  @Order(3)
  void manageModels_freshServer_publishesVersion2AndRunsAnExperiment() throws Exception {
    String out = run(ManageModels::main);

    assertThat(out)
        .contains("valid: true")
        .contains("published version 2")
        .contains("labels {stable=2}")
        .contains("experiment champion stable challenger 1 at 10 %");
    assertThat(directory.resolve("models/b2b-default/2.json")).exists();
  }
}
