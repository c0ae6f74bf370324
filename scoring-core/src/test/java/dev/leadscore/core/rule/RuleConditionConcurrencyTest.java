package dev.leadscore.core.rule;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RuleConditionConcurrencyTest {
  private static final int THREADS = 4;
  private static final int EVALUATIONS = 2_000;

  @Test
  void test_sharedConditionFromFourThreads_givesEachInputsOwnResult() throws Exception {
    RuleCondition condition =
        RuleConditionTest.compile("count('demo_request') > 0 && score >= 50.0");
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(
          () -> {
            start.await();
            int wrong = 0;
            for (int i = 0; i < EVALUATIONS; i++) {
              boolean demo = (i + thread) % 2 == 0;
              double score = i % 3 == 0 ? 49.0 : 75.0;
              FakeRuleInput input =
                  FakeRuleInput.lead()
                      .withEventCounts(demo ? Map.of("demo_request", 1L) : Map.of())
                      .withScore(score, "warm");
              if (condition.test(input) != (demo && score >= 50.0)) {
                wrong++;
              }
            }
            return wrong;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (Callable<Integer> worker : workers) {
        results.add(pool.submit(worker));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertThat(result.get(30, SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, SECONDS)).isTrue();
    }
  }
}
