package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * Reads a report as it arrives in a file: the binary structure, or its hex text (as virtee/sev and
 * snpguest write it; upper or lower case, whitespace and line breaks ignored).
 */
public final class ReportInput {
    private ReportInput() {
    }

    /**
     * Returns the binary report. Input made only of hex digits and whitespace is hex text; anything
     * else is taken as binary (a binary report starts with its version, 02 00 00 00 or later, which
     * are not hex characters). The result still has to be parsed.
     */
    public static byte[] decode(byte[] input) throws AttestationException {
        Objects.requireNonNull(input, "input");
        if (input.length == 0 || !isHexText(input)) {
            return input.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2);
        int high = -1;
        for (byte c : input) {
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                continue;
            }
            if (high < 0) {
                high = digit;
            } else {
                out.write(high << 4 | digit);
                high = -1;
            }
        }
        if (high >= 0) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    "hex report text has an odd number of hex digits");
        }
        return out.toByteArray();
    }

    private static boolean isHexText(byte[] input) {
        for (byte c : input) {
            boolean whitespace = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (!whitespace && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
