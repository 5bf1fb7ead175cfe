// Verifies, in the browser, that an audit record is in the broker's signed log:
//  - the checkpoint (c2sp.org/tlog-checkpoint in a c2sp.org/signed-note) carries a valid Ed25519
//    signature by the log key, the key pinned in this browser on first sight (localStorage);
//  - the leaf text the log hashed is the record shown (same id, action, actor, details, ...);
//  - the RFC 9162 inclusion proof (section 2.1.3.2) leads from that leaf to the checkpoint root.
// All hashing is WebCrypto SHA-256, nothing is taken from the broker on trust but the key's first sight.
// Each check throws ProofError with what failed; verifyRecord resolves only when all pass.

export class ProofError extends Error {}

const encoder = new TextEncoder();

async function sha256(...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
}

export function base64ToBytes(text) {
  let binary;
  try {
    binary = atob(text);
  } catch (e) {
    throw new ProofError("not valid base64: " + text.slice(0, 20));
  }
  return Uint8Array.from(binary, c => c.charCodeAt(0));
}

function equal(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function leafHash(leafText) {
  return sha256(Uint8Array.of(0), encoder.encode(leafText));
}

function nodeHash(left, right) {
  return sha256(Uint8Array.of(1), left, right);
}

/** RFC 9162 section 2.1.3.2: the root that the proof computes for the leaf at index in a tree of size. */
export async function rootFromInclusionProof(index, size, leaf, proof) {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) {
    throw new ProofError("leaf index " + index + " is not inside a tree of size " + size);
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== 32) throw new ProofError("a proof hash is " + p.length + " bytes, not 32");
    if (sn === 0) throw new ProofError("the proof is longer than the path to the root");
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError("the proof is shorter than the path to the root");
  return r;
}

/** Parses "<name>+<hex key id>+<base64(0x01 || 32-byte Ed25519 key)>" (c2sp.org/signed-note). */
export function parseVerifierKey(line) {
  // The name never holds "+", the base64 key may: split at the first two separators only.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec(line.trim());
  if (!m) throw new ProofError("the log key is malformed");
  const key = base64ToBytes(m[3]);
  if (key.length !== 33 || key[0] !== 1) throw new ProofError("the log key is not an Ed25519 note key");
  return { name: m[1], keyId: m[2], publicKey: key.slice(1), encoded: line.trim() };
}

/** Splits a signed note into its text and signature lines; parses the checkpoint body. */
export function parseCheckpoint(note) {
  const split = note.indexOf("\n\n");
  if (split < 0) throw new ProofError("the checkpoint has no signature block");
  const text = note.slice(0, split + 1);
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) throw new ProofError("the checkpoint body is malformed");
  const root = base64ToBytes(lines[2]);
  if (root.length !== 32) throw new ProofError("the checkpoint root hash is not 32 bytes");
  const signatures = note.slice(split + 2).split("\n").filter(l => l.length > 0).map(l => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(l);
    if (!m) throw new ProofError("a checkpoint signature line is malformed");
    return { name: m[1], bytes: base64ToBytes(m[2]) };
  });
  return { text, origin: lines[0], size: Number(lines[1]), root, rootBase64: lines[2], signatures };
}

/** Checks the checkpoint's signature by the key; false when this browser has no Ed25519 in WebCrypto. */
export async function verifyCheckpointSignature(checkpoint, key) {
  if (checkpoint.origin !== key.name) {
    throw new ProofError("the checkpoint origin " + checkpoint.origin + " is not the log key's name " + key.name);
  }
  const keyId = hex(key.keyId);
  const signature = checkpoint.signatures.find(s => s.name === key.name && s.bytes.length === 68
    && equal(s.bytes.slice(0, 4), keyId));
  if (!signature) throw new ProofError("the checkpoint carries no signature by the log key");
  let publicKey;
  try {
    publicKey = await crypto.subtle.importKey("raw", key.publicKey, { name: "Ed25519" }, false, ["verify"]);
  } catch (e) {
    return false;
  }
  const valid = await crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature.bytes.slice(4),
    encoder.encode(checkpoint.text));
  if (!valid) throw new ProofError("the checkpoint signature is not valid");
  return true;
}

function hex(text) {
  return Uint8Array.from(text.match(/../g), h => parseInt(h, 16));
}

/** The key seen first in this browser for the log's name; a different key later is an alarm. */
export function checkPinnedKey(key) {
  const slot = "cleave.log-key." + key.name;
  const pinned = localStorage.getItem(slot);
  if (pinned === null) {
    localStorage.setItem(slot, key.encoded);
    return "pinned now (first sight in this browser)";
  }
  if (pinned !== key.encoded) {
    throw new ProofError("the log key differs from the one this browser pinned: " + pinned);
  }
  return "matches the key pinned in this browser";
}

function canonical(value) {
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value !== null && typeof value === "object") {
    return "{" + Object.keys(value).sort().map(k => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
  }
  return JSON.stringify(value === undefined ? null : value);
}

const BOUND_FIELDS = ["id", "seq", "organisation", "actor", "action", "subject_type", "subject_id", "correlation_id", "details"];

/** The leaf must be the record the page shows, field for field; the time to the millisecond (what JS keeps). */
export function checkLeafIsRecord(leafText, record) {
  let leaf;
  try {
    leaf = JSON.parse(leafText);
  } catch (e) {
    throw new ProofError("the log leaf is not JSON");
  }
  // The API leaves out empty and null fields; the leaf writes them all.
  const shown = { ...record, details: record.details || {} };
  for (const field of BOUND_FIELDS) {
    if (canonical(leaf[field]) !== canonical(shown[field])) {
      throw new ProofError("the log leaf's " + field + " differs from the record shown");
    }
  }
  if (Date.parse(leaf.occurred_at) !== Date.parse(record.occurred_at)) {
    throw new ProofError("the log leaf's occurred_at differs from the record shown");
  }
  return leaf;
}

/**
 * Verifies one record against a checkpoint; resolves to {index, size} or throws ProofError.
 * fetchLeaf(id) -> {index, leaf}; fetchProof(index, size) -> {hashes: [base64]}.
 */
export async function verifyRecord(record, checkpoint, fetchLeaf, fetchProof) {
  const { index, leaf } = await fetchLeaf(record.id);
  checkLeafIsRecord(leaf, record);
  if (index >= checkpoint.size) {
    throw new ProofError("the record was logged after this checkpoint (index " + index + ", size " + checkpoint.size
      + "): refresh the checkpoint");
  }
  const proof = await fetchProof(index, checkpoint.size);
  const root = await rootFromInclusionProof(index, checkpoint.size, await leafHash(leaf),
    (proof.hashes || []).map(base64ToBytes));
  if (!equal(root, checkpoint.root)) throw new ProofError("the inclusion proof does not lead to the checkpoint root");
  return { index, size: checkpoint.size };
}
