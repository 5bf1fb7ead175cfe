package io.cleave.cli.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cleave.cli.client.BrokerClient;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * What {@code ./cleave audit verify} prints.
 *
 * @param valid the records are exactly those the signed checkpoint commits to
 * @param size the checkpoint's size if valid, else the number of records read
 * @param root base64 root hash: the checkpoint's if valid, else the one recomputed over the records
 * @param error why not valid; null if valid
 * @param firstBadRecord 0-based position of the first bad record when it can be told
 */
public record VerifyResult(boolean valid, long size, String root, String error, OptionalLong firstBadRecord) {

    static VerifyResult valid(long size, byte[] root) {
        return new VerifyResult(true, size, base64(root), null, OptionalLong.empty());
    }

    static VerifyResult invalid(long size, byte[] root, String error, OptionalLong firstBadRecord) {
        return new VerifyResult(false, size, base64(root), error, firstBadRecord);
    }

    private static String base64(byte[] root) {
        return root == null ? null : Base64.getEncoder().encodeToString(root);
    }

    /** {@code {"valid":…,"size":…,"root":…}}, with {@code error} and {@code first_bad_record} when invalid. */
    public ObjectNode json() {
        ObjectNode node = BrokerClient.json().createObjectNode();
        node.put("valid", valid);
        node.put("size", size);
        node.put("root", root);
        if (!valid) {
            node.put("error", error);
            if (firstBadRecord.isPresent()) {
                node.put("first_bad_record", firstBadRecord.getAsLong());
            }
        }
        return node;
    }
}
