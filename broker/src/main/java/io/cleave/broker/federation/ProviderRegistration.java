package io.cleave.broker.federation;

/**
 * What a provider declares when it registers.
 *
 * @param kind MEMORY or COMPUTE
 * @param dataPlaneEndpoint "host:port" where it serves pages; empty if it serves none
 */
public record ProviderRegistration(String organisation, String name, String kind, int cores, long memoryBytes,
        String dataPlaneEndpoint) {
    public ProviderRegistration {
        Names.require("provider", name);
        if (!"MEMORY".equals(kind) && !"COMPUTE".equals(kind)) {
            throw FederationException.invalid("provider kind must be MEMORY or COMPUTE, found '" + kind + "'");
        }
        if (cores < 0 || memoryBytes < 0) {
            throw FederationException.invalid("cores and memory must not be negative, found cores=" + cores
                    + " memory_bytes=" + memoryBytes);
        }
        if ("COMPUTE".equals(kind) && (cores == 0 || memoryBytes == 0)) {
            throw FederationException.invalid("a compute provider must lend at least one core and some memory");
        }
        if ("MEMORY".equals(kind) && !dataPlaneEndpoint.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
            throw FederationException.invalid("a memory provider must give its data plane endpoint as host:port, found '"
                    + dataPlaneEndpoint + "'");
        }
    }
}
