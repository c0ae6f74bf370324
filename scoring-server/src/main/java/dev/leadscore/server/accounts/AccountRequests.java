package dev.leadscore.server.accounts;

import dev.leadscore.core.FieldViolation;
import dev.leadscore.core.ScoringErrorCode;
import dev.leadscore.core.ScoringException;
import dev.leadscore.core.account.AccountChanges;
import dev.leadscore.core.account.AccountDefinition;
import dev.leadscore.core.account.AccountScorer;
import dev.leadscore.core.lead.LeadValidation;
import dev.leadscore.core.lead.ProtoLeadView;
import dev.leadscore.core.model.CompiledModel;
import dev.leadscore.core.model.ScoreResult;
import dev.leadscore.core.registry.ModelRegistry;
import dev.leadscore.core.registry.ModelSelector;
import dev.leadscore.core.registry.Resolution;
import dev.leadscore.core.state.AccountAggregate;
import dev.leadscore.core.state.AccountKey;
import dev.leadscore.core.state.AccountView;
import dev.leadscore.core.state.LeadStore;
import dev.leadscore.proto.v1.AccountResponse;
import dev.leadscore.proto.v1.AccountState;
import dev.leadscore.proto.v1.GetAccountRequest;
import dev.leadscore.proto.v1.Lead;
import dev.leadscore.proto.v1.ScoreAccountRequest;
import dev.leadscore.server.internal.Requests;
import dev.leadscore.server.internal.ScoreProtos;
import dev.leadscore.server.internal.ScoringMetrics;
import io.grpc.Context;
import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GetAccount} and {@code ScoreAccount}: an account's members and its score by an account
 * model, with every point explained. Thread-safe.
 */
public final class AccountRequests {
  /** Members listed when a request names no {@code max_members}. */
  public static final int DEFAULT_MEMBERS = 100;

  public static final int MAX_MEMBERS = 1000;

  /** The most leads one ScoreAccount request may carry. */
  public static final int MAX_LEADS = 1000;

  /**
   * Why {@code GetAccount} and {@code WatchAccountTransitions} are {@code UNIMPLEMENTED} on a
   * server whose lead store keeps no accounts (the Redis Cluster store, for now).
   */
  public static final String NO_ACCOUNTS =
      "this server's lead store keeps no accounts: GetAccount and WatchAccountTransitions need"
          + " the embedded store (--store rocksdb:DIR, the default); the redis:// store keeps"
          + " leads, transitions and models but no accounts yet";

  private final ModelRegistry registry;
  private final Clock clock;
  private final ScoringMetrics metrics;
  private final @Nullable LeadStore store;

  /**
   * @param store the lead store that keeps accounts for {@code GetAccount}; null without one
   */
  public AccountRequests(
      ModelRegistry registry, Clock clock, ScoringMetrics metrics, @Nullable LeadStore store) {
    this.registry = registry;
    this.clock = clock;
    this.metrics = metrics;
    this.store = store;
  }

  /**
   * The stored account scored as of now.
   *
   * @throws ScoringException for a bad request, an unknown model or an account without members
   */
  public AccountResponse getAccount(GetAccountRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    ModelSelector selector = Requests.selector(request.getModel(), "model", violations);
    checkAccountId(request.getAccountId(), violations);
    if (request.getAccountId().isEmpty()) {
      violations.add(new FieldViolation("account_id", "missing (expected: the account's id)"));
    }
    int members = maxMembers(request.getMaxMembers(), violations);
    Requests.failOn(violations);
    Resolution resolution = accountModel(selector);
    CompiledModel model = resolution.model();
    long now = clock.millis();
    boolean explain = !request.getSkipExplanation();
    LeadStore accounts = store;
    if (accounts == null || !accounts.supportsAccounts()) {
      throw Status.UNIMPLEMENTED.withDescription(NO_ACCOUNTS).asRuntimeException();
    }
    return accounts
        .readAccount(
            new AccountKey(model.name(), request.getAccountId()),
            (view, state) -> response(resolution, view, state, members, now, explain))
        .orElseThrow(
            () ->
                new ScoringException(
                    ScoringErrorCode.LEAD_NOT_FOUND,
                    "account "
                        + request.getAccountId()
                        + " of "
                        + model.name()
                        + ": not found (no stored lead belongs to it)"));
  }

  /**
   * Scores an account made of the request's leads; stores nothing.
   *
   * @throws ScoringException for a bad request, an unknown model, a failing criterion or rule
   */
  public AccountResponse scoreAccount(ScoreAccountRequest request) {
    List<FieldViolation> violations = new ArrayList<>(0);
    ModelSelector selector = Requests.selector(request.getModel(), "model", violations);
    Requests.checkAsOf(request.hasAsOf(), request.getAsOf(), "as_of", violations);
    checkAccountId(request.getAccountId(), violations);
    int members = maxMembers(request.getMaxMembers(), violations);
    if (request.getLeadsCount() < 1 || request.getLeadsCount() > MAX_LEADS) {
      violations.add(
          new FieldViolation(
              "leads", request.getLeadsCount() + " leads (expected: 1 to " + MAX_LEADS + ")"));
    }
    if (violations.stream().anyMatch(violation -> violation.field().startsWith("model."))) {
      Requests.failOn(violations); // without a model the leads cannot be checked
    }
    Resolution resolution = accountModel(selector);
    AccountDefinition definition = resolution.model().account().orElseThrow();
    List<Resolution> leadModels = validateLeads(request, resolution, definition, violations);
    String accountId = accountId(request, definition, violations);
    Requests.failOn(violations);
    long asOf = request.hasAsOf() ? Requests.millis(request.getAsOf()) : clock.millis();
    AccountAggregate account =
        new AccountAggregate(new AccountKey(resolution.model().name(), accountId));
    Context context = Context.current();
    for (int i = 0; i < request.getLeadsCount(); i++) {
      if (context.isCancelled()) {
        throw Status.CANCELLED
            .withDescription("call cancelled or deadline exceeded")
            .asRuntimeException();
      }
      Lead lead = request.getLeads(i);
      ScoreResult score =
          metrics.score(leadModels.get(i).model(), new ProtoLeadView(lead, asOf), false);
      account.set(
          lead.getId(), definition.member(lead.getId(), lead.getAttributesMap(), score, 1, asOf));
    }
    return response(resolution, account, null, members, asOf, !request.getSkipExplanation());
  }

  private AccountResponse response(
      Resolution resolution,
      AccountView view,
      @Nullable AccountState state,
      int members,
      long asOf,
      boolean explain) {
    ScoreResult score = AccountScorer.score(resolution.model(), view, asOf, explain);
    return AccountResponse.newBuilder()
        .setAccount(AccountProtos.account(view, members, state))
        .setScore(ScoreProtos.toProto(score, resolution))
        .build();
  }

  /** Each lead valid for the lead model and the account model, with a unique id. */
  private List<Resolution> validateLeads(
      ScoreAccountRequest request,
      Resolution accountModel,
      AccountDefinition definition,
      List<FieldViolation> violations) {
    List<Resolution> leadModels = new ArrayList<>(request.getLeadsCount());
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < request.getLeadsCount(); i++) {
      Lead lead = request.getLeads(i);
      String path = "leads[" + i + "]";
      if (lead.getId().isEmpty()) {
        violations.add(
            new FieldViolation(
                path + ".id", "missing (expected: the lead's id, which names it in the account)"));
      } else {
        Integer previous = ids.putIfAbsent(lead.getId(), i);
        if (previous != null) {
          violations.add(
              new FieldViolation(
                  path + ".id",
                  "\""
                      + lead.getId()
                      + "\" is also the id of leads["
                      + previous
                      + "] (expected: one entry per lead)"));
        }
      }
      Resolution leadModel =
          registry.resolve(new ModelSelector(definition.leadModel(), 0, ""), lead.getId());
      Requests.requireLeadModel(leadModel.model(), "model.account.lead_model");
      leadModels.add(leadModel);
      LeadValidation.validate(lead, path, leadModel.model().expectedAttributes(), violations);
      AccountChanges.validate(List.of(accountModel), lead.getAttributesMap(), path, violations);
    }
    return leadModels;
  }

  /** The request's account id, else the account the first lead that names one belongs to. */
  private static String accountId(
      ScoreAccountRequest request, AccountDefinition definition, List<FieldViolation> violations) {
    if (!request.getAccountId().isEmpty()) {
      return request.getAccountId();
    }
    List<FieldViolation> ignored = new ArrayList<>(0);
    for (Lead lead : request.getLeadsList()) {
      String id = definition.accountId(lead.getAttributesMap(), "", ignored).orElse("");
      if (!id.isEmpty()) {
        return id;
      }
    }
    violations.add(
        new FieldViolation(
            "account_id",
            "missing (expected: the account's id, or leads whose account attribute or e-mail"
                + " domain names it)"));
    return "";
  }

  /** The account model a selector names; an empty name means the default model's account model. */
  private Resolution accountModel(ModelSelector selector) {
    ModelSelector named = selector;
    if (selector.name().isEmpty()) {
      List<Resolution> models = registry.accountModels(registry.defaultModelName());
      if (models.isEmpty()) {
        throw new ScoringException(
            ScoringErrorCode.MODEL_NOT_FOUND,
            "the default model "
                + registry.defaultModelName()
                + " has no account model (name one in model.name)");
      }
      if (models.size() > 1) {
        Requests.failOn(
            List.of(
                new FieldViolation(
                    "model.name",
                    "missing (expected one of the account models of "
                        + registry.defaultModelName()
                        + ": "
                        + String.join(", ", models.stream().map(r -> r.model().name()).toList())
                        + ")")));
      }
      named = new ModelSelector(models.get(0).model().name(), selector.version(), selector.label());
    }
    Resolution resolution = registry.resolve(named);
    if (resolution.model().account().isEmpty()) {
      List<Resolution> accountModels = registry.accountModels(resolution.model().name());
      Requests.failOn(
          List.of(
              new FieldViolation(
                  "model.name",
                  "\""
                      + resolution.model().name()
                      + "\" is a lead model (expected: an account model"
                      + (accountModels.isEmpty()
                          ? ""
                          : ", e.g. " + accountModels.get(0).model().name())
                      + ")")));
    }
    return resolution;
  }

  private static void checkAccountId(String accountId, List<FieldViolation> violations) {
    if (accountId.length() > AccountDefinition.MAX_ACCOUNT_ID_LENGTH) {
      violations.add(
          new FieldViolation(
              "account_id",
              accountId.length()
                  + " characters (expected: at most "
                  + AccountDefinition.MAX_ACCOUNT_ID_LENGTH
                  + ")"));
    }
  }

  private static int maxMembers(int requested, List<FieldViolation> violations) {
    if (requested < 0 || requested > MAX_MEMBERS) {
      violations.add(
          new FieldViolation(
              "max_members",
              requested
                  + " (expected: 0, meaning "
                  + DEFAULT_MEMBERS
                  + ", to "
                  + MAX_MEMBERS
                  + ")"));
      return DEFAULT_MEMBERS;
    }
    return requested == 0 ? DEFAULT_MEMBERS : requested;
  }
}
