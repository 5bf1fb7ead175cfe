package io.cleave.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EnclavePolicyFileTest {
    private static final String M1 = "11".repeat(48);
    private static final String M2 = "22".repeat(48);

    @Test
    void parse_fullPolicy_buildsIt() {
        AppraisalPolicy p = EnclavePolicyFile.parse("""
                # hospital-a's ENCLAVE policy
                evidence-types = SEV_SNP, SOFTWARE
                allow-software-evidence-without-hardware-isolation = true
                measurements = %s, %s
                minimum-tcb = bootloader=3 snp=20 microcode=209
                debug = forbidden
                """.formatted(M1, M2));
        assertEquals(Set.of(EvidenceType.SEV_SNP, EvidenceType.SOFTWARE), p.allowedEvidenceTypes());
        assertEquals(Set.of(Measurement.ofHex(M1), Measurement.ofHex(M2)), p.allowedMeasurements());
        assertEquals(new TcbVersion(3, 0, 20, 209, 0), p.minimumTcb());
        assertTrue(p.debugForbidden());
        assertTrue(p.allowSoftwareEvidenceWithoutHardwareIsolation());
    }

    @Test
    void parse_softwareWithoutTheExplicitSwitch_isRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> EnclavePolicyFile.parse(
                "evidence-types = SOFTWARE\nmeasurements = " + M1 + "\n"));
        assertEquals("allowedEvidenceTypes contains SOFTWARE but allowSoftwareEvidenceWithoutHardwareIsolation is "
                + "false: software evidence is allowed only by both", e.getMessage());
    }

    @Test
    void parse_badInput_namesTheProblem() {
        assertEquals("unknown settings [measurement] (known: [allow-software-evidence-without-hardware-isolation, "
                + "debug, evidence-types, measurements, minimum-tcb])", assertThrows(IllegalArgumentException.class,
                        () -> EnclavePolicyFile.parse("evidence-types=SEV_SNP\nmeasurement=" + M1)).getMessage());
        assertEquals("measurements must list at least one value", assertThrows(IllegalArgumentException.class,
                () -> EnclavePolicyFile.parse("evidence-types=SEV_SNP\n")).getMessage());
        assertEquals("evidence-types: 'TDX' is not one of [SEV_SNP, SOFTWARE]", assertThrows(
                IllegalArgumentException.class, () -> EnclavePolicyFile.parse("evidence-types=TDX\nmeasurements=" + M1))
                .getMessage());
        assertEquals("measurements: measurement hex must be 96 digits, got 4", assertThrows(
                IllegalArgumentException.class, () -> EnclavePolicyFile.parse("evidence-types=SEV_SNP\nmeasurements=abcd"))
                .getMessage());
        assertEquals("minimum-tcb: 'snp:20' is not NAME=NUMBER with NAME one of bootloader, tee, snp, microcode, fmc",
                assertThrows(IllegalArgumentException.class, () -> EnclavePolicyFile.parse(
                        "evidence-types=SEV_SNP\nmeasurements=" + M1 + "\nminimum-tcb=snp:20")).getMessage());
    }
}
