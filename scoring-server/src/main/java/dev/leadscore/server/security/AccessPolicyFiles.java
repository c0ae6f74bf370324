package dev.leadscore.server.security;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * Reads an access policy file: a JSON object with {@code clients} (each with {@code name}, {@code
 * roles} and at least one of {@code token_sha256}, {@code certificate_subject}, {@code
 * certificate_san}) and optionally {@code anonymous} (roles for callers without credentials). Every
 * problem is reported with its path; unknown keys are problems, so a typo never silently grants or
 * drops a role. Tokens appear only as SHA-256 digests: the file holds no secret.
 */
final class AccessPolicyFiles {
  private static final int MAX_BYTES = 1024 * 1024;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> TOP_KEYS = Set.of("clients", "anonymous");
  private static final Set<String> CLIENT_KEYS =
      Set.of("name", "roles", "token_sha256", "certificate_subject", "certificate_san");

  private AccessPolicyFiles() {}

  static AccessPolicy load(Path file) {
    JsonElement root;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readNBytes(MAX_BYTES + 1);
      if (content.length > MAX_BYTES) {
        throw new IllegalArgumentException(
            "access policy " + file + ": larger than " + MAX_BYTES + " bytes");
      }
      root = JsonParser.parseString(new String(content, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "access policy " + file + " cannot be read: " + e.getMessage(), e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(
          "access policy " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    List<AccessClient> clients = new ArrayList<>();
    Set<Role> anonymous = EnumSet.noneOf(Role.class);
    if (!root.isJsonObject()) {
      problems.add("(root): not an object (expected: {\"clients\": [...], \"anonymous\": [...]})");
    } else {
      JsonObject policy = root.getAsJsonObject();
      unknownKeys(policy, TOP_KEYS, "", problems);
      JsonArray list = array(policy, "clients", "clients", problems);
      for (int i = 0; list != null && i < list.size(); i++) {
        AccessClient client = client(list.get(i), "clients[" + i + "]", problems);
        if (client != null) {
          clients.add(client);
        }
      }
      if (policy.has("anonymous")) {
        anonymous = roles(policy, "anonymous", "anonymous", false, problems);
      }
    }
    if (problems.isEmpty()) {
      try {
        return AccessPolicy.of(clients, anonymous, file.toString());
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    throw new IllegalArgumentException(
        "access policy " + file + " is invalid:\n  " + String.join("\n  ", problems));
  }

  private static @Nullable AccessClient client(
      JsonElement element, String path, List<String> problems) {
    if (!element.isJsonObject()) {
      problems.add(path + ": not an object (expected: {\"name\": ..., \"roles\": [...], ...})");
      return null;
    }
    JsonObject client = element.getAsJsonObject();
    int before = problems.size();
    unknownKeys(client, CLIENT_KEYS, path + ".", problems);
    String name = string(client, "name", path + ".name", problems);
    if (name != null && !NAME.matcher(name).matches()) {
      problems.add(
          path + ".name: \"" + name + "\" (expected: 1 to 64 letters, digits, '.', '_' or '-')");
    }
    Set<Role> roles = roles(client, "roles", path + ".roles", true, problems);
    List<byte[]> digests = new ArrayList<>();
    List<String> hexDigests = strings(client, "token_sha256", path + ".token_sha256", problems);
    for (int i = 0; i < hexDigests.size(); i++) {
      String hex = hexDigests.get(i);
      if (DIGEST.matcher(hex).matches()) {
        digests.add(HexFormat.of().parseHex(hex));
      } else {
        problems.add(
            path
                + ".token_sha256"
                + (client.get("token_sha256").isJsonArray() ? "[" + i + "]" : "")
                + ": "
                + hex.length()
                + " characters (expected: the 64 hex digits of the token's SHA-256, e.g. from"
                + " printf %s \"$TOKEN\" | sha256sum)");
      }
    }
    List<X500Principal> subjects = new ArrayList<>();
    for (String subject :
        strings(client, "certificate_subject", path + ".certificate_subject", problems)) {
      try {
        subjects.add(new X500Principal(subject));
      } catch (IllegalArgumentException e) {
        problems.add(
            path
                + ".certificate_subject: \""
                + subject
                + "\" (expected: a distinguished name such as CN=ops,O=Example)");
      }
    }
    List<String> names = strings(client, "certificate_san", path + ".certificate_san", problems);
    if (digests.isEmpty() && subjects.isEmpty() && names.isEmpty() && problems.size() == before) {
      problems.add(
          path
              + ": no credentials (expected: token_sha256, certificate_subject or"
              + " certificate_san)");
    }
    if (problems.size() > before || name == null) {
      return null;
    }
    return new AccessClient(name, digests, subjects, names, roles);
  }

  private static Set<Role> roles(
      JsonObject object, String key, String path, boolean required, List<String> problems) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    JsonArray list =
        required ? array(object, key, path, problems) : optionalArray(object, key, path, problems);
    for (int i = 0; list != null && i < list.size(); i++) {
      JsonElement role = list.get(i);
      String label = role.isJsonPrimitive() ? role.getAsString() : role.toString();
      Optional<Role> found = Role.of(label);
      if (found.isPresent()) {
        roles.add(found.get());
      } else {
        problems.add(
            path + "[" + i + "]: \"" + label + "\" (expected one of: " + Role.labels() + ")");
      }
    }
    if (required && list != null && list.isEmpty()) {
      problems.add(path + ": empty (expected: at least one of " + Role.labels() + ")");
    }
    return roles;
  }

  private static @Nullable JsonArray array(
      JsonObject object, String key, String path, List<String> problems) {
    if (!object.has(key)) {
      problems.add(path + ": missing (expected: a list)");
      return null;
    }
    return optionalArray(object, key, path, problems);
  }

  private static @Nullable JsonArray optionalArray(
      JsonObject object, String key, String path, List<String> problems) {
    JsonElement element = object.get(key);
    if (element == null) {
      return null;
    }
    if (!element.isJsonArray()) {
      problems.add(path + ": " + element + " (expected: a list)");
      return null;
    }
    return element.getAsJsonArray();
  }

  private static @Nullable String string(
      JsonObject object, String key, String path, List<String> problems) {
    JsonElement element = object.get(key);
    if (element == null || !element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
      problems.add(
          path
              + ": "
              + (element == null ? "missing" : element.toString())
              + " (expected: a string)");
      return null;
    }
    return element.getAsString();
  }

  /** A string or a list of strings; empty when absent. */
  private static List<String> strings(
      JsonObject object, String key, String path, List<String> problems) {
    JsonElement element = object.get(key);
    if (element == null) {
      return List.of();
    }
    List<JsonElement> items =
        element.isJsonArray() ? element.getAsJsonArray().asList() : List.of(element);
    List<String> values = new ArrayList<>();
    for (JsonElement item : items) {
      if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
        values.add(item.getAsString());
      } else {
        problems.add(path + ": " + item + " (expected: a string or a list of strings)");
      }
    }
    return values;
  }

  private static void unknownKeys(
      JsonObject object, Set<String> known, String prefix, List<String> problems) {
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      if (!known.contains(entry.getKey())) {
        problems.add(
            prefix
                + entry.getKey()
                + ": unknown setting (expected one of: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }
}
