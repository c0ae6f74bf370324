/**
 * Stateless scoring: every request carries the whole lead. {@link
 * dev.leadscore.server.scoring.StatelessScorer} validates and scores {@code Score} and {@code
 * ScoreBatch} requests and each message of a {@code ScoreStream}, which {@link
 * dev.leadscore.server.scoring.ScoreStreamHandler} pulls under flow control. Internal to the
 * server: public only for {@code dev.leadscore.server}.
 */
@NullMarked
package dev.leadscore.server.scoring;

import org.jspecify.annotations.NullMarked;
