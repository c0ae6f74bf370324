package dev.leadscore.store.testing;

import dev.leadscore.core.registry.ModelRepository;
import dev.leadscore.core.registry.ModelStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The model store on files keeps the contract, which checks the kit itself against it. */
class ModelRepositoryContractTest extends ModelStoreContractTest {
  @TempDir Path root;

  @Override
  protected ModelStore open(Map<String, byte[]> bundled) {
    return ModelRepository.open(root, COMPILER, Clock.systemUTC(), bundled);
  }
}
