package io.cleave.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assertions;

/** jqwik prints each property's seed in the test report, so a failure can be replayed. */
class ChannelPropertyTest {

    @Property(tries = 40)
    void handshake_anyJobRolesAndPolicy_bothSidesDeriveTheSameKeys(
            @ForAll("jobIds") String jobId,
            @ForAll("roles") List<String> roles,
            @ForAll @LongRange(min = 1, max = 5) long rekeyAfterFrames,
            @ForAll @LongRange(min = 1, max = 300) long rekeyAfterBytes,
            @ForAll @Size(max = 12) List<@Size(max = 200) byte[]> payloads) throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "provider-a");
        TestIdentities.Party b = authority.issue("org-b", "provider-b");
        ChannelSettings settings = new ChannelSettings(rekeyAfterFrames, rekeyAfterBytes);
        SealedChannel i = SealedChannel.initiator(new ChannelBinding(jobId, roles.get(0), roles.get(1)), a.local(),
                b.asPeer(), authority, settings);
        SealedChannel r = SealedChannel.responder(new ChannelBinding(jobId, roles.get(1), roles.get(0)), b.local(),
                a.asPeer(), authority, settings);
        r.accept(i.finish(r.respond(i.hello())));

        assertArrayEquals(i.sessionFingerprint(), r.sessionFingerprint());
        for (byte[] payload : payloads) {
            assertArrayEquals(payload, SealedChannelTest.data(r.receive(i.seal(payload))));
            assertArrayEquals(payload, SealedChannelTest.data(i.receive(r.seal(payload))));
        }
    }

    @Property(tries = 20)
    void handshake_twoSessions_haveDifferentFingerprints() throws Exception {
        ChannelPair first = ChannelPair.open();
        ChannelPair second = ChannelPair.open();
        Assertions.assertFalse(Arrays.equals(
                first.initiator.sessionFingerprint(), second.initiator.sessionFingerprint()));
    }

    @Provide
    Arbitrary<String> jobIds() {
        return Arbitraries.strings().withChars("abcXYZ0189._:-").ofMinLength(1).ofMaxLength(128);
    }

    @Provide
    Arbitrary<List<String>> roles() {
        return Arbitraries.of("party0", "party1", "memory", "dealer", "memory-2").list().ofSize(2).uniqueElements();
    }
}
