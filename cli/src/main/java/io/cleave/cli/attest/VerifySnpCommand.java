package io.cleave.cli.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cleave.attestation.AttestationException;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.VerifiedClaims;
import io.cleave.attestation.sevsnp.CertificateInput;
import io.cleave.attestation.sevsnp.ReportInput;
import io.cleave.attestation.sevsnp.SevSnpProduct;
import io.cleave.attestation.sevsnp.SevSnpReport;
import io.cleave.attestation.sevsnp.SevSnpVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cleave attest verify-snp --report FILE [--vcek FILE] [--chain FILE]
 * [--product milan|genoa|turin] [--at ISO-8601] --json}: verifies an AMD SEV-SNP report offline
 * against the pinned AMD roots and prints one result. Exit 0 when valid, 1 when not, 2 on a usage
 * error (bad option, unreadable file).
 */
@Command(name = "verify-snp", mixinStandardHelpOptions = true,
        description = "Verify an AMD SEV-SNP attestation report (binary or hex) against AMD's pinned roots.")
public final class VerifySnpCommand implements Callable<Integer> {
    /** Larger inputs are not attestation material; refusing them keeps a typo from reading a disk image. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--report", required = true, paramLabel = "FILE",
            description = "The attestation report: 1184 bytes binary, or its hex text.")
    private Path report;

    @Option(names = "--vcek", paramLabel = "FILE", description = "The VCEK or VLEK certificate (DER or PEM).")
    private Path vcek;

    @Option(names = "--chain", paramLabel = "FILE",
            description = "AMD CA certificates (PEM or DER): ASK/ASVK and ARK. Defaults to the pinned roots.")
    private Path chain;

    @Option(names = "--product", paramLabel = "milan|genoa|turin", converter = ProductConverter.class,
            description = "Expected processor product; detected from the certificates when absent.")
    private SevSnpProduct product;

    @Option(names = "--at", paramLabel = "ISO-8601", converter = InstantConverter.class,
            description = "Check certificate validity at this instant (e.g. 2025-06-01T00:00:00Z) instead of now.")
    private Instant at;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    private boolean json;

    private final Clock clock;

    public VerifySnpCommand() {
        this(Clock.systemUTC());
    }

    /** For tests: the clock that gives "now" when {@code --at} is absent. */
    VerifySnpCommand(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer call() {
        byte[] reportFile = read(report, "--report");
        List<byte[]> certificateFiles = new ArrayList<>();
        if (vcek != null) {
            certificateFiles.add(read(vcek, "--vcek"));
        }
        if (chain != null) {
            certificateFiles.add(read(chain, "--chain"));
        }
        Instant instant = at != null ? at : clock.instant();
        SnpResult result = verify(reportFile, certificateFiles, instant);
        ObjectNode out = result.toJson();
        spec.commandLine().getOut().println(json ? out.toString() : SnpResult.toText(out));
        spec.commandLine().getOut().flush();
        return result.valid() ? 0 : 1;
    }

    private SnpResult verify(byte[] reportFile, List<byte[]> certificateFiles, Instant instant) {
        Optional<SevSnpReport> parsed = Optional.empty();
        try {
            byte[] binary = ReportInput.decode(reportFile);
            parsed = Optional.of(SevSnpReport.parse(binary));
            List<byte[]> certificates = new ArrayList<>();
            for (byte[] file : certificateFiles) {
                certificates.addAll(CertificateInput.decode(file));
            }
            Clock at = Clock.fixed(instant, ZoneOffset.UTC);
            SevSnpVerifier verifier = product == null ? SevSnpVerifier.create(at) : SevSnpVerifier.forProduct(at, product);
            VerifiedClaims claims = verifier.verify(new Evidence.SevSnp(binary, certificates));
            return SnpResult.valid(parsed.get(), claims, instant);
        } catch (AttestationException e) {
            return SnpResult.invalid(parsed, Optional.ofNullable(product), e, instant);
        }
    }

    private byte[] read(Path file, String option) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw usage(option + " file " + file + " is larger than 1 MiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw usage("cannot read " + option + " file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Accepts {@code milan}, {@code genoa}, {@code turin} in any case. */
    static final class ProductConverter implements CommandLine.ITypeConverter<SevSnpProduct> {
        @Override
        public SevSnpProduct convert(String value) {
            return SevSnpProduct.fromName(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a product: use milan, genoa or turin"));
        }
    }

    /** Accepts an ISO-8601 instant ({@code 2025-06-01T00:00:00Z}) or date-time with offset. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an ISO-8601 instant such as 2025-06-01T00:00:00Z");
            }
        }
    }
}
