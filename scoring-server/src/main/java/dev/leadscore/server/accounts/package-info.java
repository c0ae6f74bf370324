/**
 * Accounts over the wire: {@link dev.leadscore.server.accounts.AccountRequests} serves {@code
 * GetAccount} (a stored account, scored as of now) and {@code ScoreAccount} (an account scored from
 * the leads in the request). Account changes of stream inputs are applied by {@code
 * dev.leadscore.server.events}. Internal to the server: public only for {@code
 * dev.leadscore.server}.
 */
@NullMarked
package dev.leadscore.server.accounts;

import org.jspecify.annotations.NullMarked;
