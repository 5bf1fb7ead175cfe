package io.cleave.attestation;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An organisation's ENCLAVE policy as a properties file, read into an {@link AppraisalPolicy}:
 * <pre>
 *   evidence-types = SEV_SNP, SOFTWARE          # which evidence the data owner accepts
 *   allow-software-evidence-without-hardware-isolation = true   # required when SOFTWARE is listed
 *   measurements = 5f1a…(96 hex), 0c3d…         # reference measurements of trusted workloads
 *   minimum-tcb = bootloader=3 tee=0 snp=20 microcode=209 fmc=0 # optional; default no floor
 *   debug = forbidden                           # or "allowed"; default forbidden
 * </pre>
 * Unknown keys are refused, so a misspelt setting never silently loosens the policy.
 */
public final class EnclavePolicyFile {
    private static final Set<String> KEYS = Set.of("evidence-types",
            "allow-software-evidence-without-hardware-isolation", "measurements", "minimum-tcb", "debug");
    private static final Pattern TCB_COMPONENT = Pattern.compile("(bootloader|tee|snp|microcode|fmc)=(\\d{1,3})");

    private EnclavePolicyFile() {
    }

    /** Reads the file; the message of the exception names the file and what is wrong in it. */
    public static AppraisalPolicy read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ENCLAVE policy " + file + ": " + e.getMessage(), e);
        }
    }

    static AppraisalPolicy parse(String text) {
        Properties p = new Properties();
        try (Reader in = new StringReader(text)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read as a properties file: " + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown settings " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        Set<EvidenceType> types = EnumSet.noneOf(EvidenceType.class);
        for (String type : list(p, "evidence-types")) {
            try {
                types.add(EvidenceType.valueOf(type));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("evidence-types: '" + type + "' is not one of "
                        + Arrays.toString(EvidenceType.values()));
            }
        }
        Set<Measurement> measurements = new LinkedHashSet<>();
        for (String hex : list(p, "measurements")) {
            try {
                measurements.add(Measurement.ofHex(hex));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("measurements: " + e.getMessage());
            }
        }
        boolean allowSoftware = bool(p, "allow-software-evidence-without-hardware-isolation");
        String debug = p.getProperty("debug", "forbidden").strip();
        if (!debug.equals("forbidden") && !debug.equals("allowed")) {
            throw new IllegalArgumentException("debug must be 'forbidden' or 'allowed', found '" + debug + "'");
        }
        return new AppraisalPolicy(types, measurements, tcb(p.getProperty("minimum-tcb", "").strip()),
                debug.equals("forbidden"), allowSoftware);
    }

    private static Set<String> list(Properties p, String key) {
        Set<String> values = new LinkedHashSet<>();
        for (String v : p.getProperty(key, "").split("[,\\s]+")) {
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(key + " must list at least one value");
        }
        return values;
    }

    private static boolean bool(Properties p, String key) {
        String value = p.getProperty(key, "false").strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, found '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static TcbVersion tcb(String text) {
        if (text.isEmpty()) {
            return TcbVersion.ZERO;
        }
        int[] c = new int[5];
        String[] names = {"bootloader", "tee", "snp", "microcode", "fmc"};
        for (String part : text.split("\\s+")) {
            Matcher m = TCB_COMPONENT.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("minimum-tcb: '" + part + "' is not NAME=NUMBER with NAME one of "
                        + String.join(", ", names));
            }
            c[Arrays.asList(names).indexOf(m.group(1))] = Integer.parseInt(m.group(2));
        }
        try {
            return new TcbVersion(c[0], c[1], c[2], c[3], c[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("minimum-tcb: " + e.getMessage());
        }
    }
}
