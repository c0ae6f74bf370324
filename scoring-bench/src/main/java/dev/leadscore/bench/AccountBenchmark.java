package dev.leadscore.bench;

import com.google.protobuf.Value;
import dev.leadscore.core.account.AccountChanges;
import dev.leadscore.core.account.AccountOutcome;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.AccountAggregate;
import dev.leadscore.core.state.AccountChange;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.core.state.LeadStoreConfig;
import dev.leadscore.core.state.LeadStores;
import dev.leadscore.core.state.LeadUpdate;
import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.LeadState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one lead event costs its account, with 10,000 leads in one account against 10,000 accounts
 * of one lead each and against no account at all ({@code accountSize} 0), on {@code b2b-accounts}:
 *
 * <ul>
 *   <li>{@code accountChange}: the account work of an event in memory — the member's entry from its
 *       lead score, the change applied to the account's aggregate, the account scored by its model
 *       and its next state — what a store runs while it holds the account;
 *   <li>{@code storeUpdate}: a lead update through the embedded RocksDB store, waiting until it is
 *       written (one group-commit round trip each), with its account change in the same batch.
 * </ul>
 *
 * The lead's own scoring is done once in set-up: it costs the same with or without accounts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccountBenchmark {
  private static final int LEADS = 10_000;

  /** Leads per account: 1 (10,000 accounts), 10,000 (one account); 0: no account (store only). */
  @Param({"0", "1", "10000"})
  public int accountSize;

  private List<Resolution> accountModels;
  private ScoreResult[] scores;
  private String[] leadIds;
  private LeadState[] states;
  // The lead's next state, changed in place per event as a lead update's builder would be.
  private LeadState.Builder[] nextStates;
  private AccountAggregate[] aggregates;
  private AccountState[] accountStates;
  private long now;
  private int next;

  private Path directory;
  private LeadStore store;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    CompiledModel leadModel = BenchModels.defaultModel();
    accountModels =
        accountSize == 0 ? List.of() : List.of(new Resolution(BenchModels.accountModel(), ""));
    now = BenchLeads.AS_OF.toEpochMilli();
    List<Lead> templates = BenchLeads.all();
    scores = new ScoreResult[templates.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = leadModel.score(new ProtoLeadView(templates.get(i), now), false);
    }
    leadIds = new String[LEADS];
    states = new LeadState[LEADS];
    nextStates = new LeadState.Builder[LEADS];
    aggregates = new AccountAggregate[LEADS];
    accountStates = new AccountState[LEADS];
    for (int i = 0; i < LEADS; i++) {
      leadIds[i] = "lead-" + i + "@" + account(i);
      Lead template = templates.get(i % templates.size());
      Lead.Builder lead = template.toBuilder().setId(leadIds[i]);
      if (accountSize > 0) {
        lead.putAttributes("account_id", Value.newBuilder().setStringValue(account(i)).build());
      }
      states[i] = LeadState.newBuilder().setLead(lead).build();
      nextStates[i] = states[i].toBuilder();
    }
    for (int i = 0; i < LEADS && accountSize > 0; i++) {
      int slot = slot(i);
      if (aggregates[slot] == null) {
        aggregates[slot] =
            new AccountAggregate(new AccountKey(accountModels.get(0).model().name(), account(i)));
        accountStates[slot] = AccountState.getDefaultInstance();
      }
      accountChange(i);
      states[i] = nextStates[i].build(); // now a member: later changes replace its entry
    }
    directory = Files.createTempDirectory("leadscore-account-bench");
    store = LeadStores.open("rocksdb:" + directory, LeadStoreConfig.defaults());
    for (int i = 0; i < LEADS; i++) {
      storeUpdate(i);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private String account(int lead) {
    return accountSize == 10_000 ? "acme.example" : "company-" + lead + ".example";
  }

  private int slot(int lead) {
    return accountSize == 10_000 ? 0 : lead;
  }

  /**
   * The account work of one event of lead {@code i}: its next change count and a new score (one of
   * the six bench leads' scores, in turn).
   */
  private AccountState accountChange(int i) {
    LeadState.Builder nextState = nextStates[i].setChanges(nextStates[i].getChanges() + 1);
    ScoreResult score = scores[(int) (nextState.getChanges() + i) % scores.length];
    List<AccountOutcome> outcomes =
        AccountChanges.forUpdate(accountModels, leadIds[i], states[i], nextState, score, "e", now);
    if (outcomes.isEmpty()) {
      return AccountState.getDefaultInstance();
    }
    AccountChange change = outcomes.get(0).change();
    int slot = slot(i);
    aggregates[slot].apply(change);
    AccountState state = change.mutation().apply(aggregates[slot], accountStates[slot]).next();
    accountStates[slot] = state;
    return state;
  }

  private long storeUpdate(int i) {
    return store
        .update(
            leadIds[i],
            "",
            current -> {
              LeadState base = current.hasLead() ? current : states[i];
              LeadState.Builder nextState = base.toBuilder().setChanges(base.getChanges() + 1);
              ScoreResult score = scores[(int) (nextState.getChanges() + i) % scores.length];
              List<AccountOutcome> outcomes =
                  AccountChanges.forUpdate(
                      accountModels, leadIds[i], base, nextState, score, "e", now);
              return new LeadUpdate(
                  nextState.build(),
                  Optional.empty(),
                  outcomes.stream().map(AccountOutcome::change).toList());
            })
        .join()
        .state()
        .getChanges();
  }

  @Benchmark
  public AccountState accountChange() {
    return accountChange(next++ % LEADS);
  }

  @Benchmark
  public long storeUpdate() {
    return storeUpdate(next++ % LEADS);
  }
}
