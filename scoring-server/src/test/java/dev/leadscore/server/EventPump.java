package dev.leadscore.server;

import dev.leadscore.proto.v1.LeadEventMessage;
import dev.leadscore.proto.v1.LeadScoreUpdate;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a list of inputs on {@code StreamEvents} as fast as the server takes them (only while the
 * call is ready) and records every acknowledged event as {@code lead/event}.
 */
public final class EventPump implements ClientResponseObserver<LeadEventMessage, LeadScoreUpdate> {
  private final List<LeadEventMessage> messages;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Set<String> duplicates = ConcurrentHashMap.newKeySet();
  private final AtomicLong errors = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private ClientCallStreamObserver<LeadEventMessage> call;
  private int next;
  private boolean completed;

  public EventPump(List<LeadEventMessage> messages) {
    this.messages = List.copyOf(messages);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<LeadEventMessage> requestStream) {
    call = requestStream;
    requestStream.setOnReadyHandler(this::pump);
  }

  private synchronized void pump() {
    while (call.isReady() && next < messages.size()) {
      call.onNext(messages.get(next++));
    }
    if (next == messages.size() && !completed) {
      completed = true;
      call.onCompleted();
    }
  }

  @Override
  public void onNext(LeadScoreUpdate update) {
    if (update.hasError()) {
      errors.incrementAndGet();
      return;
    }
    String key = update.getLeadId() + "/" + update.getEventId();
    acknowledged.add(key);
    if (update.getDuplicate()) {
      duplicates.add(key);
    }
  }

  @Override
  public void onError(Throwable t) {
    done.countDown();
  }

  @Override
  public void onCompleted() {
    done.countDown();
  }

  public Set<String> acknowledged() {
    return acknowledged;
  }

  public Set<String> duplicates() {
    return duplicates;
  }

  public long errors() {
    return errors.get();
  }

  public boolean await(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }
}
