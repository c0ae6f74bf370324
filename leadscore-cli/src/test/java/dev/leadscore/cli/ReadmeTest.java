package dev.leadscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README as a new user follows it: each code excerpt appears verbatim in the example it is
 * taken from, each {@code ./leadscore} command runs as written (in an empty directory with the
 * clone's sample data) and exits 0, and each grpcurl request, sent in the README's order to a
 * server on the models those commands wrote, succeeds and answers what the README shows. Blocks
 * marked {@value #LOOP} need a server holding leads; {@link ClosedLoopTest} runs them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeTest {
  static final Path ROOT =
      Path.of(System.getProperty("leadscore.examples", "../examples")).toAbsolutePath().getParent();
  private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");

  /** Marks a block of the loop, which needs a server with leads: {@link ClosedLoopTest} runs it. */
  static final String LOOP = "<!-- loop:";

  @TempDir static Path work;

  /** A fenced block: its language and text, and the line before its opening fence. */
  record Block(String language, String text, String before) {
    boolean loop() {
      return before.startsWith(LOOP);
    }
  }

  static List<Block> blocks() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("```") && lines.get(i).length() > 3) {
        int end = i + 1;
        while (!lines.get(end).equals("```")) {
          end++;
        }
        blocks.add(
            new Block(
                lines.get(i).substring(3),
                String.join("\n", lines.subList(i + 1, end)) + "\n",
                i > 0 ? lines.get(i - 1) : ""));
        i = end;
      }
    }
    return blocks;
  }

  @Test
  @Order(1)
  void excerpts_appearVerbatimInTheirExampleFiles() throws Exception {
    int checked = 0;
    for (Block block : blocks()) {
      Matcher marker = SNIPPET.matcher(block.before());
      if (!marker.matches()) {
        continue;
      }
      String region = region(ROOT.resolve(marker.group(1)), marker.group(2));
      assertThat(block.text()).as("README excerpt of " + marker.group(0)).isEqualTo(region);
      checked++;
    }
    assertThat(checked).as("excerpts marked in the README").isGreaterThanOrEqualTo(8);
  }

  /** The lines between {@code [START name]} and {@code [END name]}, less their common indent. */
  private static String region(Path file, String name) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().endsWith("[START " + name + "]")) {
        start = i + 1;
      } else if (lines.get(i).strip().endsWith("[END " + name + "]")) {
        end = i;
      }
    }
    assertThat(start).as(file + " [START " + name + "]").isPositive();
    assertThat(end).as(file + " [END " + name + "]").isGreaterThan(start);
    List<String> region = lines.subList(start, end);
    int indent =
        region.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder text = new StringBuilder();
    region.forEach(l -> text.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
    return text.toString();
  }

  @Test
  @Order(2)
  void leadscoreCommands_runAsWrittenInAFreshDirectory() throws Exception {
    Files.createDirectories(work.resolve("examples/data"));
    Files.copy(
        ROOT.resolve("examples/data/web-leads.csv"), work.resolve("examples/data/web-leads.csv"));
    int ran = 0;
    for (Block block : blocks()) {
      if (!block.language().equals("sh") || block.loop()) {
        continue;
      }
      for (List<String> words : ShellWords.commands(block.text(), ROOT)) {
        if (!words.get(0).equals("./leadscore") || words.get(1).equals("serve")) {
          continue;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(words.subList(1, words.size()));
        Process process =
            new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", words) + "\n" + output).isZero();
        ran++;
      }
    }
    assertThat(ran).as("./leadscore commands in the README").isGreaterThanOrEqualTo(6);
    assertThat(work.resolve("models/web-leads/1.json")).exists();
    assertThat(work.resolve("out")).isDirectory();
  }

  @Test
  @Order(3)
  void grpcurlRequests_inTheReadmesOrder_succeedAndAnswerAsShown() throws Exception {
    int sent = 0;
    try (ServerProcess server = ServerProcess.start(work.resolve("data"), work, "readme")) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        List<Block> blocks = blocks();
        for (int b = 0; b < blocks.size(); b++) {
          Block block = blocks.get(b);
          if (!block.language().equals("sh") || block.loop()) {
            continue;
          }
          for (List<String> words : ShellWords.commands(block.text(), ROOT)) {
            if (words.get(0).equals("jshell")) {
              runJshell(words, server.port());
              continue;
            }
            if (!words.get(0).equals("grpcurl")) {
              continue;
            }
            String answer = Grpcurl.run(channel, words);
            sent++;
            if (b + 1 < blocks.size() && blocks.get(b + 1).language().equals("json")) {
              assertShown(blocks.get(b + 1).text(), answer);
            }
          }
        }
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    assertThat(sent).as("grpcurl requests in the README").isGreaterThanOrEqualTo(12);
  }

  /**
   * Runs a walkthrough script as the README shows it, with the JDK's own jshell, against the test's
   * server: the class path of this test stands in for {@code leadscore.jar}, which is packaged only
   * after the tests.
   */
  private static void runJshell(List<String> words, int port) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jshell").toString());
    for (int i = 1; i < words.size(); i++) {
      if (words.get(i).equals("--class-path")) {
        command.add("--class-path");
        command.add(System.getProperty("java.class.path"));
        i++;
      } else {
        command.add(words.get(i));
      }
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().put("LEADSCORE_TARGET", "127.0.0.1:" + port);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String shown = String.join(" ", words) + "\n" + output;
    assertThat(process.exitValue()).as(shown).isZero();
    assertThat(output).as(shown).doesNotContain("Exception").doesNotContain("Error:");
  }

  /** The score and band the README shows after a request are the ones the server answers. */
  private static void assertShown(String shown, String answer) {
    for (String key : List.of("score", "band")) {
      Matcher value = Pattern.compile("\\n  \"" + key + "\": ([^,\\n]+)").matcher(shown);
      if (value.find()) {
        assertThat(answer).contains("\"" + key + "\": " + value.group(1));
      }
    }
  }
}
