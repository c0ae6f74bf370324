package dev.leadscore.server.internal;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus exposition of a {@link PrometheusMeterRegistry} at {@code GET /metrics}. The registry
 * carries the JVM's memory, GC, thread, class loading, processor and uptime meters.
 *
 * <p>Design notes: served by Jetty's core server (no servlets), because an endpoint that anyone who
 * can reach the port may open must not be stalled by one client. Jetty parses requests without
 * holding a thread, so a connection that never finishes its headers costs a socket, not the
 * scraper's thread; it is closed after the idle timeout (10 s). Requests have bounded headers (8
 * KiB, else 431), the pool is bounded (8 daemon threads) and so are the connections (32): a flood
 * of connections is refused at accept rather than taking file descriptors the gRPC server needs.
 * The JDK's {@code HttpServer} was the first choice and was measured: it reads headers on a pool
 * thread with blocking I/O, so one slow client held its single thread; its timeouts are JVM-wide
 * system properties ({@code sun.net.httpserver.maxReqTime}) read once, which a library must not set
 * for its host application.
 */
public final class PrometheusEndpoint implements AutoCloseable {
  public static final String PATH = "/metrics";
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_THREADS = 8;
  private static final int MAX_CONNECTIONS = 32;
  private static final int MAX_HEADER_BYTES = 8 * 1024;

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Duration idleTimeout;
  private @Nullable Server http;
  private @Nullable ServerConnector connector;

  public PrometheusEndpoint() {
    this(IDLE_TIMEOUT);
  }

  /** An endpoint that closes connections idle (or stalled mid-request) for {@code idleTimeout}. */
  PrometheusEndpoint(Duration idleTimeout) {
    this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Serves {@value #PATH} on {@code host:port}; port 0 picks a free one.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public PrometheusEndpoint start(String host, int port) {
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    threads.setName("leadscore-metrics-http");
    threads.setDaemon(true);
    Server server =
        new Server(threads, new ScheduledExecutorScheduler("leadscore-metrics-timer", true), null);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setRequestHeaderSize(MAX_HEADER_BYTES);
    ServerConnector connector =
        new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(idleTimeout.toMillis());
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
    server.setHandler(new Scrape());
    server.setStopTimeout(1_000);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new UncheckedIOException(
          "cannot serve metrics on " + host + ":" + port + ": " + reason(e),
          e instanceof IOException io ? io : new IOException(e));
    }
    this.http = server;
    this.connector = connector;
    return this;
  }

  /** The port {@code /metrics} is served on. */
  public int port() {
    if (connector == null) {
      throw new IllegalStateException("not started");
    }
    return connector.getLocalPort();
  }

  /** Answers {@code GET /metrics} with a scrape; Jetty answers 404 for any other path. */
  private final class Scrape extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!PATH.equals(Request.getPathInContext(request))) {
        return false;
      }
      if (!HttpMethod.GET.is(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET");
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return true;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      response.setStatus(HttpStatus.OK_200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
      return true;
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    return String.valueOf(cause.getMessage());
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      // Nothing was served; what failed to start has nothing to release.
    }
  }

  @Override
  public void close() {
    if (http != null) {
      stopQuietly(http);
    }
    gc.close();
    registry.close();
  }
}
