package dev.leadscore.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics endpoint's own limits, with a short idle timeout so the test need not wait long. */
class PrometheusEndpointTest {
  private final PrometheusEndpoint endpoint = new PrometheusEndpoint(Duration.ofMillis(500));

  @AfterEach
  void close() {
    endpoint.close();
  }

  @Test
  void connection_neverFinishesItsHeaders_closedByTheServerAfterTheIdleTimeout() throws Exception {
    endpoint.start("127.0.0.1", 0);
    try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long started = System.nanoTime();

      InputStream in = socket.getInputStream();
      byte[] answer = in.readAllBytes();

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("jvm_");
    }
  }

  @Test
  void request_headersOverTheLimit_refusedWith431() throws Exception {
    endpoint.start("127.0.0.1", 0);
    try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String answer = new String(socket.getInputStream().readNBytes(64), StandardCharsets.US_ASCII);

      assertThat(answer).startsWith("HTTP/1.1 431");
    }
  }
}
