package dev.leadscore.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadscore.core.registry.ModelStores;
import dev.leadscore.core.state.LeadStores;
import org.junit.jupiter.api.Test;

class RedisLocationsTest {

  @Test
  void parse_nodesAndOptions_configWithThem() {
    RedisLeadStoreConfig config =
        RedisLocations.parse("redis://10.0.0.1:7000,redis-2:7001?wait-replicas=1&key-prefix=prod");

    assertThat(config.nodes()).containsExactly("10.0.0.1:7000", "redis-2:7001");
    assertThat(config.waitReplicas()).isEqualTo(1);
    assertThat(config.keyPrefix()).isEqualTo("prod");
  }

  @Test
  void parse_oneNode_defaults() {
    RedisLeadStoreConfig config = RedisLocations.parse("redis://127.0.0.1:7001/");

    assertThat(config.nodes()).containsExactly("127.0.0.1:7001");
    assertThat(config.waitReplicas()).isZero();
    assertThat(config.keyPrefix()).isEqualTo("leadscore");
  }

  @Test
  void parse_badLocations_namedWithTheExpectedForm() {
    assertThatThrownBy(() -> RedisLocations.parse("redis://"))
        .hasMessage(
            "store \"redis://\": no node (expected:"
                + " redis://host:port[,host:port...][?wait-replicas=N])");
    assertThatThrownBy(() -> RedisLocations.parse("redis://host"))
        .hasMessageStartingWith("store \"redis://host\": nodes: \"host\" (expected: host:port)");
    assertThatThrownBy(() -> RedisLocations.parse("redis://h:1?wait-replicas=x"))
        .hasMessageContaining("wait-replicas: \"x\" is not a number");
    assertThatThrownBy(() -> RedisLocations.parse("redis://h:1?wait-replica=1"))
        .hasMessageContaining("unknown option \"wait-replica\"");
    assertThatThrownBy(() -> RedisLocations.parse("redis://h:1?wait-replicas=-1"))
        .hasMessageContaining("waitReplicas: -1 (expected: >= 0)");
  }

  @Test
  void providers_onTheClassPath_registeredForTheRedisScheme() {
    assertThat(LeadStores.providers()).containsKey("redis");
    assertThat(ModelStores.providers()).containsKey("redis");
    assertThat(LeadStores.providers().get("redis")).isInstanceOf(RedisLeadStoreProvider.class);
    assertThat(ModelStores.providers().get("redis")).isInstanceOf(RedisModelStoreProvider.class);
  }
}
