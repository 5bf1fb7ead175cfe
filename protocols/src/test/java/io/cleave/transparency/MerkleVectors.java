package io.cleave.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Typed loader for the transparency-dev/merkle {@code testdata/{inclusion,consistency}} JSON
 * files (see {@code vectors/transparency-dev-merkle/SOURCES.txt}). Sizes and indices are Go
 * {@code uint64}; they are carried in a {@code long} with the same bits, so 2^64-1 arrives as -1.
 */
final class MerkleVectors {

  static final String ROOT = "/vectors/transparency-dev-merkle/testdata/";

  private static final ObjectMapper JSON = new ObjectMapper();

  record InclusionCase(
      String id, long leafIndex, long treeSize, byte[] root, byte[] leafHash, List<byte[]> proof,
      boolean wantErr) {}

  record ConsistencyCase(
      String id, long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof,
      boolean wantErr) {}

  private MerkleVectors() {}

  static List<InclusionCase> inclusion() {
    List<InclusionCase> cases = new ArrayList<>();
    for (Path file : files("inclusion")) {
      JsonNode n = read(file);
      cases.add(new InclusionCase(id(file), uint64(n, "leafIdx"), uint64(n, "treeSize"),
          bytes(n, "root"), bytes(n, "leafHash"), proof(n), n.get("wantErr").asBoolean()));
    }
    return cases;
  }

  static List<ConsistencyCase> consistency() {
    List<ConsistencyCase> cases = new ArrayList<>();
    for (Path file : files("consistency")) {
      JsonNode n = read(file);
      cases.add(new ConsistencyCase(id(file), uint64(n, "size1"), uint64(n, "size2"),
          bytes(n, "root1"), bytes(n, "root2"), proof(n), n.get("wantErr").asBoolean()));
    }
    return cases;
  }

  private static List<Path> files(String kind) {
    Path dir = resourceDir(ROOT + kind);
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path resourceDir(String name) {
    URL url = MerkleVectors.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String id(Path file) {
    return resourceDir(ROOT).relativize(file).toString();
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long uint64(JsonNode n, String field) {
    return n.get(field).bigIntegerValue().longValue();
  }

  private static byte[] bytes(JsonNode n, String field) {
    return Base64.getDecoder().decode(n.get(field).asText());
  }

  private static List<byte[]> proof(JsonNode n) {
    List<byte[]> proof = new ArrayList<>();
    JsonNode array = n.get("proof");
    if (array != null && !array.isNull()) {
      array.forEach(h -> proof.add(Base64.getDecoder().decode(h.asText())));
    }
    return proof;
  }
}
