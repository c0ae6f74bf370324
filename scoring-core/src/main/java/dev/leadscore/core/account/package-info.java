/**
 * Accounts: leads grouped by company and scored together by an account model (a {@code
 * ScoringModel} with an {@code account} section). {@link
 * dev.leadscore.core.account.AccountDefinition} is the compiled section — which account a lead
 * belongs to, its buying role, whether it is engaged; {@link
 * dev.leadscore.core.account.AccountChanges} turns a lead's update into the {@link
 * dev.leadscore.core.state.AccountChange}s a store applies; {@link
 * dev.leadscore.core.account.AccountScorer} scores an account from its members with the account
 * criteria ({@code top_leads}, {@code engaged_contacts}, {@code role_coverage}) and any plugin
 * criterion over the account's attributes.
 */
@NullMarked
package dev.leadscore.core.account;

import org.jspecify.annotations.NullMarked;
