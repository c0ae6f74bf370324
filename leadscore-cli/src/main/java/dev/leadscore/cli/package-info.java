/**
 * The {@code leadscore} command line: {@code serve} starts a {@link
 * dev.leadscore.server.LeadscoreRuntime} from flags, environment variables and a config file;
 * {@code validate}, {@code score}, {@code fit}, {@code evaluate} and {@code compare} work on files
 * offline with the same engine. Options are picocli mixins, one class per concern.
 */
@NullMarked
package dev.leadscore.cli;

import org.jspecify.annotations.NullMarked;
