package dev.leadscore.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files: the README's example as it is, and precise refusals of bad ones. */
class AccessPolicyFileTest {
  /** The example the README shows and links. */
  static final Path EXAMPLE = Path.of("../docs/access-policy.json");

  @TempDir Path directory;

  @Test
  void load_readmeExample_clientsRolesAndNoAnonymousAccess() throws Exception {
    assertThat(Files.readString(Path.of("../README.md")))
        .as("the README shows the example file as it is")
        .contains(Files.readString(EXAMPLE).strip());

    AccessPolicy policy = AccessPolicy.load(EXAMPLE);

    assertThat(policy.clients())
        .extracting(AccessClient::name)
        .containsExactly("web-app", "event-pipeline", "crm-sync", "ops-console", "model-ci");
    AccessClient ops = policy.clients().get(3);
    assertThat(ops.roles())
        .containsExactlyInAnyOrder(
            Role.ADMIN, Role.VALIDATE, Role.READ_MODELS, Role.READ_LEADS, Role.DELETE_LEADS);
    assertThat(ops.hasCertificate(new X500Principal("CN=ops-console"), List.of())).isTrue();
    assertThat(policy.clients().get(2).tokenDigests()).hasSize(2);
    assertThat(policy.anonymousRoles(true)).isEmpty();
    assertThat(policy.anonymousRoles(false)).isEmpty();
  }

  @Test
  void load_badEntries_everyProblemWithItsPath() throws Exception {
    Path file = directory.resolve("policy.json");
    Files.writeString(
        file,
        """
        {"clients": [
           {"name": "a", "token_sha256": "abc", "roles": ["score", "admn"]},
           {"name": "b", "roles": ["score"]},
           {"name": "c", "certificate_subject": "CN=c", "roles": [], "rolez": ["admin"]}
         ],
         "anonymus": ["score"]}
        """);

    assertThatThrownBy(() -> AccessPolicy.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access policy " + file + " is invalid")
        .hasMessageContaining("clients[0].token_sha256: 3 characters (expected: the 64 hex digits")
        .hasMessageContaining("clients[0].roles[1]: \"admn\" (expected one of: score, events,")
        .hasMessageContaining("clients[1]: no credentials")
        .hasMessageContaining("clients[2].roles: empty")
        .hasMessageContaining("clients[2].rolez: unknown setting")
        .hasMessageContaining("anonymus: unknown setting");
  }

  @Test
  void anonymousRoles_defaultPolicy_everythingLocallyNothingBeyondUnlessInsecureOpen() {
    AccessPolicy defaults = AccessPolicy.defaults();

    assertThat(defaults.anonymousRoles(true)).containsExactlyInAnyOrder(Role.values());
    assertThat(defaults.anonymousRoles(false)).isEmpty();
    assertThat(defaults.withInsecureOpen(true).anonymousRoles(false))
        .doesNotContain(Role.ADMIN)
        .contains(Role.SCORE, Role.READ_LEADS, Role.DELETE_LEADS);
    assertThat(defaults.withAdminToken("t0ken").anonymousRoles(true))
        .isEqualTo(
            Set.of(Role.values()).stream()
                .filter(r -> r != Role.ADMIN)
                .collect(java.util.stream.Collectors.toSet()));
  }
}
