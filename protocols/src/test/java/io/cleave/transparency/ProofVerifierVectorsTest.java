package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cleave.transparency.MerkleVectors.ConsistencyCase;
import io.cleave.transparency.MerkleVectors.InclusionCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every inclusion and consistency case of transparency-dev/merkle: the happy paths verify and
 * every case marked {@code wantErr} is refused. Failures are collected by file name.
 */
class ProofVerifierVectorsTest {

  @Test
  void verifyInclusion_everyVector_matchesWantErr() {
    List<InclusionCase> cases = MerkleVectors.inclusion();
    List<String> failures = new ArrayList<>();
    for (InclusionCase c : cases) {
      String error = error(() -> ProofVerifier.verifyInclusion(
          c.leafHash(), c.leafIndex(), c.treeSize(), c.proof(), c.root()));
      record(failures, c.id(), c.wantErr(), error);
    }
    assertEquals(List.of(), failures);
    assertEquals(98, cases.size(), "inclusion vector files");
  }

  @Test
  void verifyConsistency_everyVector_matchesWantErr() {
    List<ConsistencyCase> cases = MerkleVectors.consistency();
    List<String> failures = new ArrayList<>();
    for (ConsistencyCase c : cases) {
      String error = error(() -> ProofVerifier.verifyConsistency(
          c.size1(), c.size2(), c.root1(), c.root2(), c.proof()));
      record(failures, c.id(), c.wantErr(), error);
    }
    assertEquals(List.of(), failures);
    assertEquals(98, cases.size(), "consistency vector files");
  }

  private interface Check {
    void run() throws ProofException;
  }

  private static String error(Check check) {
    try {
      check.run();
      return null;
    } catch (ProofException e) {
      return e.getMessage();
    }
  }

  private static void record(List<String> failures, String id, boolean wantErr, String error) {
    if (wantErr && error == null) {
      failures.add(id + ": accepted, want an error");
    } else if (!wantErr && error != null) {
      failures.add(id + ": refused with \"" + error + "\", want success");
    }
  }
}
