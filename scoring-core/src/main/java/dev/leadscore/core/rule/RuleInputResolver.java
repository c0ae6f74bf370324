package dev.leadscore.core.rule;

import static java.util.Objects.requireNonNull;

import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelResolvedOverload;
import dev.cel.runtime.CelVariableResolver;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the variables and the {@code count} function of one evaluation. CEL asks for a variable
 * each time the expression reads it; this class reads each from the {@link RuleInput} once and only
 * when first asked, so unused variables cost nothing and repeated ones are read once.
 *
 * <p>{@code count} is bound late, per evaluation, because its result depends on the lead: CEL
 * function bindings given to the runtime see only their arguments.
 */
final class RuleInputResolver implements CelVariableResolver, CelFunctionResolver {
  static final String LEAD_ID = "lead_id";
  static final String ATTRIBUTES = "attributes";
  static final String EVENT_COUNTS = "event_counts";
  static final String SCORE = "score";
  static final String SCORE_BAND = "score_band";
  static final String DIMENSIONS = "dimensions";
  static final String GRADE = "grade";
  static final String COUNT = "count";
  static final String COUNT_OVERLOAD = "count_string";

  private final RuleInput input;
  private final @Nullable Object[] values = new Object[7];
  private @Nullable CelResolvedOverload count;

  RuleInputResolver(RuleInput input) {
    this.input = input;
  }

  @Override
  public Optional<Object> find(String name) {
    return switch (name) {
      case LEAD_ID -> Optional.of(value(0, name));
      case ATTRIBUTES -> Optional.of(value(1, name));
      case EVENT_COUNTS -> Optional.of(value(2, name));
      case SCORE -> Optional.of(value(3, name));
      case SCORE_BAND -> Optional.of(value(4, name));
      case DIMENSIONS -> Optional.of(value(5, name));
      case GRADE -> Optional.of(value(6, name));
      default -> Optional.empty();
    };
  }

  private Object value(int slot, String name) {
    Object value = values[slot];
    if (value == null) {
      value = requireNonNull(read(slot), name);
      values[slot] = value;
    }
    return value;
  }

  private @Nullable Object read(int slot) {
    return switch (slot) {
      case 0 -> input.leadId();
      case 1 -> input.attributes();
      case 2 -> input.eventCounts();
      case 3 -> input.score();
      case 4 -> input.scoreBand();
      case 5 -> input.dimensions();
      default -> input.grade();
    };
  }

  @Override
  public Optional<CelResolvedOverload> findOverloadMatchingArgs(
      String functionName, Collection<String> overloadIds, Object[] args) {
    return findOverloadMatchingArgs(functionName, args);
  }

  // CEL declares function overloads @Immutable because it shares the ones bound to a runtime across
  // threads. This one reads this resolver's lazily filled slots, which is safe because it is made
  // per evaluation, handed to that evaluation only and dropped with the resolver.
  @SuppressWarnings("Immutable")
  @Override
  public Optional<CelResolvedOverload> findOverloadMatchingArgs(
      String functionName, Object[] args) {
    if (!functionName.equals(COUNT)) {
      return Optional.empty();
    }
    if (count == null) {
      count =
          CelResolvedOverload.of(
              COUNT,
              COUNT_OVERLOAD,
              arguments -> eventCount((String) arguments[0]),
              true,
              String.class);
    }
    return Optional.of(count);
  }

  private Object eventCount(String type) {
    Object count = ((Map<?, ?>) value(2, EVENT_COUNTS)).get(type);
    return count == null ? 0L : count;
  }
}
