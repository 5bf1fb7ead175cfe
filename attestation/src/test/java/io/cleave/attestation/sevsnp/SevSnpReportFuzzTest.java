package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the report parser (and the binary-or-hex decoding before it) either parses
 * them or refuses them with an {@link AttestationException}; any other throwable fails the property.
 * jqwik prints the seed of every run in its report, so a failure can be replayed.
 */
class SevSnpReportFuzzTest {

    @Property(tries = 1000)
    void parse_randomBytes_onlyRefusesWithAttestationException(@ForAll @Size(max = 1400) byte[] input) {
        parseOrRefuse(input);
    }

    @Property(tries = 500)
    void parse_fullLengthRandomBodyWithKnownVersion_onlyRefusesWithAttestationException(
            @ForAll @IntRange(min = 2, max = 5) int version, @ForAll("reportSized") byte[] body) {
        body[0] = (byte) version;
        body[1] = 0;
        body[2] = 0;
        body[3] = 0;
        parseOrRefuse(body);
    }

    @Property(tries = 2000)
    void parse_realReportWithRandomBytesChanged_onlyRefusesWithAttestationException(
            @ForAll @IntRange(min = 0, max = SevSnpReport.SIZE - 1) int offset, @ForAll byte value,
            @ForAll @IntRange(min = 0, max = SevSnpReport.SIZE - 1) int offset2, @ForAll byte value2) {
        byte[] report = Vectors.bytes(Vectors.TRUSTEE_VLEK_REPORT);
        report[offset] = value;
        report[offset2] = value2;
        parseOrRefuse(report);
    }

    @Property(tries = 500)
    void decode_randomHexLikeText_onlyRefusesWithAttestationException(@ForAll("hexLike") String text) {
        parseOrRefuse(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Provide
    Arbitrary<byte[]> reportSized() {
        return Arbitraries.bytes().array(byte[].class).ofSize(SevSnpReport.SIZE);
    }

    @Provide
    Arbitrary<String> hexLike() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF \n\tg").ofMaxLength(2600);
    }

    private static void parseOrRefuse(byte[] input) {
        try {
            SevSnpReport.parse(ReportInput.decode(input));
        } catch (AttestationException refused) {
            // the only acceptable failure
        }
    }
}
