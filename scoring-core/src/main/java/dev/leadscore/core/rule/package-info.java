/**
 * Rule conditions: the {@code when} expressions of a model's rules, written in Google's Common
 * Expression Language (CEL). {@link dev.leadscore.core.rule.RuleConditions} parses and type-checks
 * each expression once, when a model is compiled, and reports every problem as a {@link
 * dev.leadscore.api.ConfigProblem}; the resulting {@link dev.leadscore.core.rule.RuleCondition}
 * only evaluates, against the variables a {@link dev.leadscore.core.rule.RuleInput} supplies on
 * demand. CEL is sandboxed: a condition cannot reach the JVM, loop without bound or have side
 * effects.
 */
@NullMarked
package dev.leadscore.core.rule;

import org.jspecify.annotations.NullMarked;
